//! The asyncio task timeline (issue 14): what `runner/python/_dunder_tasks.py` records of each
//! task, read back from an Inspect run of the real VM, and the lanes drawn from it.

use dunder::inspect::tasks::{AsyncTask, TaskEventKind};
use dunder::inspect::{InspectReport, InspectRequest};
use dunder::runner::{Program, Runner, output::Stream};

fn inspect(source: &str) -> (InspectReport, String) {
    thread_local! { static RUNNER: Runner = Runner::new().expect("interpreter starts"); }
    let program = Program { source: source.into(), ..Default::default() };
    let (report, chunks) = RUNNER.with(|r| r.inspect_collect(&program, &InspectRequest::default()));
    let stdout = chunks.iter().filter(|(s, _)| *s == Stream::Stdout).map(|(_, t)| t.as_str()).collect();
    (report.unwrap_or_else(|e| panic!("the inspector broke: {e}")), stdout)
}

fn task<'a>(report: &'a InspectReport, coroutine: &str) -> Vec<&'a AsyncTask> {
    report.tasks.iter().filter(|t| t.coroutine == coroutine).collect()
}

#[test]
fn three_gathered_sleeps_overlap() {
    let source = "\
import asyncio

async def nap(n):
    await asyncio.sleep(0.2)
    return n

async def main():
    print(await asyncio.gather(nap(1), nap(2), nap(3)))

asyncio.run(main())
";
    let (report, stdout) = inspect(source);
    assert_eq!(stdout, "[1, 2, 3]\n");
    let main = task(&report, "main");
    assert_eq!(main.len(), 1, "{:#?}", report.tasks);
    assert_eq!((main[0].via.as_str(), main[0].parent), ("asyncio.run", None));
    let naps = task(&report, "nap");
    assert_eq!(naps.len(), 3);
    let mut waits = vec![];
    for nap in &naps {
        assert_eq!((nap.via.as_str(), nap.parent), ("gather", Some(0)));
        let lane = nap.lane();
        assert_eq!(lane.waits.len(), 1, "{lane:?}");
        let wait = &lane.waits[0];
        assert_eq!((wait.awaiting.as_str(), wait.line), ("asyncio.sleep(0.2)", Some(4)));
        let to = wait.to.expect("resumed");
        assert!(to - wait.from >= 195.0, "a 0.2 s sleep waited {} ms", to - wait.from);
        waits.push((wait.from, to));
        assert_eq!(lane.end.as_ref().map(|e| e.0), Some(TaskEventKind::Finished));
    }
    let ends: Vec<String> = naps.iter().map(|n| n.lane().end.unwrap().2).collect();
    assert_eq!(ends, ["1", "2", "3"], "each nap returned its n");
    // Overlap: every sleep began before any ended.
    let latest_start = waits.iter().map(|w| w.0).fold(f64::MIN, f64::max);
    let earliest_end = waits.iter().map(|w| w.1).fold(f64::MAX, f64::min);
    assert!(latest_start < earliest_end, "{waits:?}");
    // And main waited once on the gather, for about 0.2 s, not 0.6 s.
    let main_lane = main[0].lane();
    assert_eq!(main_lane.waits[0].awaiting, "gather of 3");
    let waited = main_lane.waits[0].to.unwrap() - main_lane.waits[0].from;
    assert!((195.0..450.0).contains(&waited), "main waited {waited} ms on the gather");
}

#[test]
fn timeouts_task_groups_and_cancel_say_who_cancelled() {
    let source = "\
import asyncio

async def slow():
    await asyncio.sleep(5)

async def boom():
    await asyncio.sleep(0.01)
    raise ValueError('boom')

async def main():
    try:
        async with asyncio.timeout(0.05):
            await slow()
    except TimeoutError:
        print('timed out')
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow())
            tg.create_task(boom())
    except* ValueError:
        print('group failed')
    straggler = asyncio.create_task(slow())
    await asyncio.sleep(0)
    straggler.cancel()

asyncio.run(main())
";
    let (report, stdout) = inspect(source);
    assert_eq!(stdout, "timed out\ngroup failed\n");
    let main = task(&report, "main")[0].lane();
    assert_eq!(main.cancels.first().map(|c| c.1.as_str()), Some("a timeout expired"), "{main:?}");
    // main ran slow() itself (no task): its wait is slow's sleep, at slow's line.
    assert_eq!((main.waits[0].awaiting.as_str(), main.waits[0].line), ("asyncio.sleep(5)", Some(4)));
    let slows = task(&report, "slow");
    assert_eq!(slows.len(), 2, "the TaskGroup's slow() and the straggler");
    let grouped = slows[0].lane();
    assert_eq!(slows[0].via, "TaskGroup");
    assert!(grouped.cancels[0].1.contains("TaskGroup"), "{grouped:?}");
    assert_eq!(grouped.end.as_ref().map(|e| e.0), Some(TaskEventKind::Cancelled));
    let failed = task(&report, "boom")[0].lane();
    assert_eq!(failed.end.as_ref().map(|e| (e.0, e.2.as_str())), Some((TaskEventKind::Failed, "ValueError: boom")));
    let straggler = slows[1].lane();
    assert_eq!((slows[1].via.as_str(), straggler.cancels[0].1.as_str()), ("create_task", "the program, line 24"));
    assert_eq!(straggler.end.as_ref().map(|e| e.0), Some(TaskEventKind::Cancelled));
    // asyncio.run's own clean-up tasks are not the program's.
    assert!(report.tasks.iter().all(|t| !t.coroutine.starts_with("BaseEventLoop.")), "{:?}", report.tasks);
}

#[test]
fn sleep_zero_interleaves_the_lessons_workers() {
    // The asyncio lesson's checkpoint snippet: each `await asyncio.sleep(0)` hands over.
    let source = "\
import asyncio

async def worker(name, steps):
    for i in range(steps):
        print(f\"{name} step {i}\")
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(worker(\"A\", 3), worker(\"B\", 2))

asyncio.run(main())
";
    let (report, stdout) = inspect(source);
    assert_eq!(stdout, "A step 0\nB step 0\nA step 1\nB step 1\nA step 2\n");
    let mut resumes: Vec<(f64, &str)> = report
        .tasks
        .iter()
        .filter(|t| t.coroutine == "worker")
        .flat_map(|t| t.events.iter().filter(|e| e.kind == TaskEventKind::Resumed).map(move |e| (e.at, t.name.as_str())))
        .collect();
    resumes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let order: Vec<&str> = resumes.iter().map(|r| r.1).collect();
    // Task names count up across the whole process; take them in creation order.
    let workers = task(&report, "worker");
    let (a, b) = (workers[0].name.as_str(), workers[1].name.as_str());
    assert_eq!(order, [a, b, a, b, a, b, a]);
    let worker_a = workers[0].lane();
    assert_eq!(worker_a.waits.len(), 3);
    assert!(worker_a.waits.iter().all(|w| w.awaiting == "asyncio.sleep(0)" && w.line == Some(6)), "{worker_a:?}");
}

#[test]
fn programs_without_asyncio_record_no_tasks_and_limits_are_told() {
    let (report, _) = inspect("print(sum(range(10)))\n");
    assert!(report.tasks.is_empty());
    // Sixty tasks: fifty are drawn, and the note says so; the program still runs them all.
    let many = "import asyncio\nasync def one(i):\n    return i\nasync def main():\n    print(sum(await asyncio.gather(*(one(i) for i in range(60)))))\nasyncio.run(main())\n";
    let (report, stdout) = inspect(many);
    assert_eq!(stdout, "1770\n");
    assert_eq!(report.tasks.len(), 50);
    assert!(report.notes.iter().any(|n| n == "task timeline: only the first 50 tasks are shown"), "{:?}", report.notes);
    // A program with its own task factory: its tasks are its own, and the note says why.
    let own = "import asyncio\nasync def main():\n    asyncio.get_running_loop().set_task_factory(None)\n    await asyncio.create_task(asyncio.sleep(0))\nasyncio.run(main())\n";
    let (report, _) = inspect(own);
    assert!(report.notes.iter().any(|n| n.contains("its own task factory")), "{:?}", report.notes);
}

#[test]
fn a_task_that_is_asyncio_sleep_itself_says_so() {
    // The asyncio lesson gathers bare sleeps: the task's own coroutine is asyncio.sleep, so no
    // line of the program is waiting, and the wait still names the sleep.
    let (report, _) = inspect("import asyncio\nasync def main():\n    await asyncio.gather(asyncio.sleep(0.05), asyncio.sleep(0.05))\nasyncio.run(main())\n");
    let sleeps = task(&report, "sleep");
    assert_eq!(sleeps.len(), 2, "{:#?}", report.tasks);
    for sleep in sleeps {
        let lane = sleep.lane();
        assert_eq!((lane.waits[0].awaiting.as_str(), lane.waits[0].line), ("asyncio.sleep(0.05)", None));
    }
}
