//! Class sets without a server: a teacher's set travels in a link's fragment (compressed like
//! Share links), a student's result comes back as a short code with a checksum (it catches
//! typos; it is not tamper-proof), and pasted codes become a per-student table.

use super::catalogue::{Question, find};
use super::code32;
use crate::share;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassSet {
    pub title: String,
    pub questions: Vec<String>,
}

/// Longest set title and student name kept, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
pub const MAX_NAME_CHARS: usize = 32;
/// Questions in one set (result codes carry one bit each).
pub const MAX_SET_QUESTIONS: usize = 200;

/// `set=<…>`, for `class/#set=…`.
pub fn set_link_fragment(set: &ClassSet) -> String {
    let json = serde_json::to_string(set).expect("a class set serialises");
    format!("set={}", share::encode(&json))
}

/// A link's fragment (with or without `#`, other parameters allowed) → its set, checked
/// against the course's questions.
pub fn parse_set_fragment(fragment: &str, questions: &[Question]) -> Result<ClassSet, String> {
    let encoded = share::fragment_param(fragment, "set")
        .ok_or_else(|| "This link has no class set in it (it should end with #set=…).".to_owned())?;
    if encoded.trim().is_empty() {
        return Err("This class-set link is empty (was it cut off when copied?).".into());
    }
    let json = share::decode(encoded).map_err(|e| e.replace("its code", "its class set"))?;
    let set: ClassSet = serde_json::from_str(&json)
        .map_err(|_| "The link is damaged: its class set could not be read (was it cut off when copied?).".to_owned())?;
    let unknown: Vec<&str> = set.questions.iter().filter(|id| find(questions, id).is_none()).map(String::as_str).collect();
    if !unknown.is_empty() {
        return Err(format!(
            "This class set names {} that this version of Dunder does not have: {}. Ask your teacher for a new link.",
            if unknown.len() == 1 { "a question".to_owned() } else { format!("{} questions", unknown.len()) },
            unknown.join(", ")
        ));
    }
    let mut ids: Vec<String> = vec![];
    for id in set.questions {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err("This class set has no questions.".into());
    }
    if ids.len() > MAX_SET_QUESTIONS {
        return Err(format!("This class set has {} questions; at most {MAX_SET_QUESTIONS} fit in one set.", ids.len()));
    }
    Ok(ClassSet { title: set.title.chars().take(MAX_TITLE_CHARS).collect(), questions: ids })
}

/// A stable 32-bit hash (FNV-1a) of the question list: ties result codes to their set.
pub fn set_id(set: &ClassSet) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for id in &set.questions {
        for b in id.bytes().chain([b'\n']) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// A set id as people see it (in messages and on the class page).
pub fn set_label(id: u32) -> String {
    format!("{id:08X}")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassResult {
    pub set_id: u32,
    pub student: String,
    /// Per question of the set, in its order.
    pub right: Vec<bool>,
}

const PREFIX: &str = "DND";
const FORMAT: u8 = 1;

/// `DND1-XXXX-XXXX-…`: Crockford base32 of [set id (4 bytes), question count (1), name length
/// (1), name (UTF-8), answers (1 bit each)], then a CRC-16 of all that (2 bytes).
pub fn result_code(result: &ClassResult) -> String {
    let name: String = result.student.trim().chars().take(MAX_NAME_CHARS).collect();
    let count = result.right.len().min(MAX_SET_QUESTIONS);
    let mut bytes = result.set_id.to_be_bytes().to_vec();
    bytes.push(count as u8);
    bytes.push(name.len() as u8);
    bytes.extend(name.as_bytes());
    let mut bits = vec![0u8; count.div_ceil(8)];
    for (i, &r) in result.right[..count].iter().enumerate() {
        if r {
            bits[i / 8] |= 0x80 >> (i % 8);
        }
    }
    bytes.extend(bits);
    let crc = code32::crc16(&bytes);
    bytes.extend(crc.to_be_bytes());
    let body = code32::encode(&bytes);
    let groups: Vec<String> = body.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    format!("{PREFIX}{FORMAT}-{}", groups.join("-"))
}

/// A pasted code → the result, or what is wrong with it. Spaces, dashes and case don't matter.
pub fn parse_result_code(code: &str) -> Result<ClassResult, String> {
    let compact: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if compact.is_empty() {
        return Err("The result code is empty.".into());
    }
    let upper = compact.to_ascii_uppercase();
    let Some(rest) = upper.strip_prefix(PREFIX) else {
        return Err("This is not a Dunder result code (they start with DND1-).".into());
    };
    let Some(version) = rest.chars().next() else { return Err("This result code is cut off after DND.".into()) };
    if version != char::from(b'0' + FORMAT) {
        return Err(if version.is_ascii_digit() {
            format!("This result code is in format {version}, from another version of Dunder; this page reads format {FORMAT}.")
        } else {
            "This result code is damaged: DND must be followed by its format number (DND1-).".into()
        });
    }
    let bytes = code32::decode(&rest[1..]).map_err(|e| format!("This result code is damaged: {e}."))?;
    let truncated = || "This result code is incomplete (was it cut off when copied?).".to_owned();
    if bytes.len() < 4 + 1 + 1 + 2 {
        return Err(truncated());
    }
    let (body, crc) = bytes.split_at(bytes.len() - 2);
    let count = body[4] as usize;
    let name_len = body[5] as usize;
    let expected_len = 6 + name_len + count.div_ceil(8);
    if code32::crc16(body).to_be_bytes() != crc {
        return Err(if body.len() < expected_len {
            "This result code is incomplete or mistyped (was it cut off when copied?).".to_owned()
        } else {
            "This result code has a typo: its checksum does not match. Check it character by character.".to_owned()
        });
    }
    if body.len() < expected_len {
        return Err(truncated());
    }
    if body.len() != expected_len {
        return Err("This result code is damaged: it has extra characters.".into());
    }
    let set_id = u32::from_be_bytes(body[..4].try_into().expect("4 bytes"));
    let student = String::from_utf8(body[6..6 + name_len].to_vec())
        .map_err(|_| "This result code is damaged: the student's name is not text.".to_owned())?;
    let bits = &body[6 + name_len..];
    let right = (0..count).map(|i| bits[i / 8] & (0x80 >> (i % 8)) != 0).collect();
    Ok(ClassResult { set_id, student, right })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassTable {
    pub students: Vec<String>,
    pub questions: Vec<String>,
    /// `cells[student][question]`; None where the code does not cover the question.
    pub cells: Vec<Vec<Option<bool>>>,
    /// One line per pasted line that could not be used, saying why.
    pub problems: Vec<String>,
}

impl ClassTable {
    /// `(right, answered)` per question, across students.
    pub fn question_totals(&self) -> Vec<(u32, u32)> {
        (0..self.questions.len())
            .map(|q| {
                let column = self.cells.iter().filter_map(|row| row.get(q).copied().flatten());
                column.fold((0, 0), |(r, n), ok| (r + u32::from(ok), n + 1))
            })
            .collect()
    }

    /// Right answers per student.
    pub fn student_totals(&self) -> Vec<u32> {
        self.cells.iter().map(|row| row.iter().filter(|c| **c == Some(true)).count() as u32).collect()
    }
}

/// Pasted text, one code per line (other words on the line are ignored) → the table for a set.
/// Codes for another set, damaged codes and repeated students become problem lines.
pub fn class_table(set: &ClassSet, pasted: &str) -> ClassTable {
    let id = set_id(set);
    let mut table =
        ClassTable { students: vec![], questions: set.questions.clone(), cells: vec![], problems: vec![] };
    for (n, line) in pasted.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let Some(start) = line.to_ascii_uppercase().find(PREFIX) else {
            table.problems.push(format!("Line {line_no}: no result code found (codes start with DND1-)."));
            continue;
        };
        let code: String = line[start..].split_whitespace().next().unwrap_or("").to_owned();
        let result = match parse_result_code(&code) {
            Ok(r) => r,
            Err(e) => {
                table.problems.push(format!("Line {line_no}: {e}"));
                continue;
            }
        };
        if result.set_id != id || result.right.len() != set.questions.len() {
            table.problems.push(format!(
                "Line {line_no}: this code ({}) is for another class set (set {}), not this one (set {}).",
                if result.student.is_empty() { "no name".to_owned() } else { result.student.clone() },
                set_label(result.set_id),
                set_label(id)
            ));
            continue;
        }
        let student = if result.student.is_empty() { format!("(no name, line {line_no})") } else { result.student.clone() };
        let row: Vec<Option<bool>> = result.right.iter().map(|r| Some(*r)).collect();
        match table.students.iter().position(|s| *s == student) {
            Some(i) => {
                table.problems.push(format!("Line {line_no}: {student} has a second code; the later one is used."));
                table.cells[i] = row;
            }
            None => {
                table.students.push(student);
                table.cells.push(row);
            }
        }
    }
    table
}
