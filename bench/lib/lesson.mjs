// Which lesson page to time, and what "its text is visible" means for it: lesson 01's h1 (its
// title) and the start of its first paragraph, both taken from the lesson's source file.
import { readdirSync, readFileSync, existsSync } from "node:fs";

const ROOT = new URL("../../", import.meta.url).pathname;

export function firstLesson() {
  const file = readdirSync(ROOT + "lessons").filter((f) => /^\d+-.*\.md$/.test(f)).sort()[0];
  const source = readFileSync(`${ROOT}lessons/${file}`, "utf8");
  const [, frontMatter, body] = source.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  const field = (name) => frontMatter.match(new RegExp(`^${name}:\\s*(.*)$`, "m"))[1].trim();
  const slug = field("slug");
  // The built routes are the directories of dist/lesson/: the slug must be one of them.
  const built = readdirSync(ROOT + "dist/lesson").filter((d) => existsSync(`${ROOT}dist/lesson/${d}/index.html`));
  if (!built.includes(slug)) throw new Error(`dist/lesson/${slug}/ is missing (built: ${built.join(", ")})`);
  return { file, slug, title: field("title"), paragraph: paragraphStart(body) };
}

/** The first words of the first prose paragraph, as the page shows them (inline markup removed). */
function paragraphStart(markdown) {
  const paragraph = markdown.trim().split(/\n\s*\n/).find((block) => !/^(#|```|<|!\[|[-*] |\d+\. )/.test(block));
  const text = paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links → their text
    .replace(/`|\*\*|\*/g, "")
    .replace(/\s+/g, " ");
  return text.split(" ").slice(0, 6).join(" ");
}
