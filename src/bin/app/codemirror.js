// The code editor: CodeMirror 6 with Python support, wrapped in the four calls the Rust UI needs.
// Bundled by esbuild (.ci/bundle-editor.sh) into codemirror.bundle.js, which wasm-bindgen loads.
import { EditorView, keymap, Decoration } from "@codemirror/view";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import { basicSetup } from "codemirror";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { HighlightStyle, syntaxHighlighting, indentUnit } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

// Colours come from CSS variables, so light and dark themes (and their contrast) live in style.css.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "var(--tok-keyword)" },
  { tag: [t.string, t.special(t.string)], color: "var(--tok-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--tok-number)" },
  { tag: [t.comment, t.lineComment], color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: "var(--tok-function)" },
  { tag: [t.className, t.definition(t.className)], color: "var(--tok-class)" },
  { tag: [t.self, t.special(t.variableName)], color: "var(--tok-keyword)" },
]);

const setErrorLine = StateEffect.define();
const errorLine = StateField.define({
  create: () => Decoration.none,
  update(decorations, tr) {
    // An edit makes the old error position meaningless.
    decorations = tr.docChanged ? Decoration.none : decorations;
    for (const effect of tr.effects) {
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        decorations = line > 0 && line <= tr.state.doc.lines
          ? Decoration.set([Decoration.line({ class: "cm-error-line" }).range(tr.state.doc.line(line).from)])
          : Decoration.none;
      }
    }
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export function createEditor(parent, doc, label, readOnly, onChange, onRun) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }]),
        basicSetup,
        keymap.of([indentWithTab]),
        indentUnit.of("    "),
        python(),
        syntaxHighlighting(highlight),
        errorLine,
        EditorState.readOnly.of(readOnly),
        // The keyboard help (editor_help.rs) says how to run code and how to leave the editor:
        // Tab indents here, so Esc then Tab moves focus on (this CodeMirror's own escape hatch).
        // tabindex: the editable content is what gets focus, so the scroller around it (which
        // scrolls long lines) counts as keyboard-reachable (axe: scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": "editor-keys", tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

export function setDoc(view, text) {
  if (view.state.doc.toString() !== text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }
}

export function markLine(view, line) {
  view.dispatch({ effects: setErrorLine.of(line) });
  if (line > 0 && line <= view.state.doc.lines) {
    view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "nearest" }) });
  }
}

export function destroyEditor(view) {
  view.destroy();
}
