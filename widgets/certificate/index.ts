/**
 * Certificate (Module 10): a certificate with the reader's name and only the skills this site
 * verified in this browser (lib/achievements.ts), previewed as an image and downloaded as a PNG
 * (canvas) or a PDF (pdf.ts, written here). Nothing is sent anywhere.
 *
 * Hooks for tests: `[data-role=name]`, `[data-role=name-note]` (why a name is refused),
 * `[data-role=save-note]`, `[data-role=preview]` (its alt reads the certificate), the root's
 * `data-code` (the verification code of the last certificate made) and `data-claims` (its number
 * of verified lines).
 */
import { evaluate, readSources, type Course } from "../lib/achievements.ts";
import raw from "../achievements/course.json" with { type: "json" };
import { finder } from "../lib/dom.ts";
import { downloadBytes } from "../lib/download.ts";
import { PROGRESS_EVENT } from "../lib/progress.ts";
import { describeError, setState } from "../lib/state.ts";
import { load, saveAndSay } from "../lib/storage.ts";
import { adoptCss } from "../lib/style.ts";
import type { MountContext } from "../main.ts";
import { BADGE_AT } from "../neuron-detective/logic.ts";
import css from "./certificate.css" with { type: "text" };
import labs from "./labs.json" with { type: "json" };
import { certificate, checkName, layout, plainText, verificationCode, type Certificate, type LabMeta } from "./logic.ts";
import { writePdf } from "./pdf.ts";
import { canvasMeasure, paint, pdfMeasure, pdfPage, pngBytes, skeleton } from "./view.ts";

const course = raw as Course;
const NAME_KEY = "certificate:name";
let counter = 0;

export function render(el: HTMLElement, { signal }: MountContext): () => void {
  adoptCss(css);
  const uid = `rnn-cert-${++counter}`;
  el.classList.add("rnn-cert");
  el.innerHTML = skeleton(uid);
  const $ = finder(el);
  const input = $<HTMLInputElement>("[data-role='name']");
  const nameNote = $("[data-role='name-note']");
  const img = $<HTMLImageElement>("[data-role='preview']");
  const caption = $("[data-role='caption']");
  const canvas = document.createElement("canvas");
  let previewUrl = "";
  let drawn = 0;

  const saved = load<unknown>(NAME_KEY, "");
  input.value = typeof saved === "string" ? saved.slice(0, 1000) : "";

  /** The certificate for the name typed, as of what storage holds now, or null (the reason shown) when the name is refused. */
  function current(): Certificate | null {
    const checked = checkName(input.value);
    nameNote.textContent = checked.ok ? "" : checked.reason;
    input.setAttribute("aria-invalid", String(!checked.ok));
    if (!checked.ok) {
      // No preview of a name that is not the one typed.
      img.hidden = true;
      caption.textContent = "The preview appears once a name is typed.";
      return null;
    }
    const s = readSources();
    return certificate(checked.name, s, course, evaluate(s, course, BADGE_AT), labs as LabMeta, Date.now());
  }

  async function drawPng(cert: Certificate, code: string): Promise<Uint8Array<ArrayBuffer>> {
    await document.fonts?.load(`700 20px Roboto`).catch(() => undefined);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("this browser cannot draw on a canvas");
    paint(canvas, layout(cert, code, canvasMeasure(ctx)));
    return pngBytes(canvas);
  }

  /** Redraw the preview for the name typed (a newer call wins over one still drawing). */
  async function preview(): Promise<void> {
    const mine = ++drawn;
    const cert = current();
    if (!cert) return;
    const code = await verificationCode(cert);
    const png = await drawPng(cert, code);
    if (mine !== drawn || signal.aborted) return;
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(new Blob([png], { type: "image/png" }));
    img.src = previewUrl;
    img.alt = plainText(cert, code);
    img.hidden = false;
    caption.textContent = `Preview of the certificate (verification code ${code}). Its text is the image's description.`;
    el.dataset.code = code;
    el.dataset.claims = String(cert.sections.reduce((n, x) => n + x.lines.length, 0));
  }

  const fail = (err: unknown) => { nameNote.textContent = `The certificate could not be made: ${describeError(err)}.`; };
  const refresh = () => void preview().catch(fail);

  input.addEventListener("input", () => {
    const checked = checkName(input.value);
    // The name is kept for next time only when usable; a refused paste is never written to storage.
    if (checked.ok) saveAndSay(NAME_KEY, checked.name, $("[data-role='save-note']"));
    refresh();
  }, { signal });
  // New progress redraws the preview of a name already typed (no reminder before one is).
  const refreshTyped = () => void (input.value.trim() && refresh());
  window.addEventListener(PROGRESS_EVENT, refreshTyped, { signal });
  window.addEventListener("storage", refreshTyped, { signal });

  const stamp = () => new Date().toISOString().slice(0, 10);
  $("[data-action='png']").addEventListener("click", async () => {
    const cert = current();
    if (!cert) return void input.focus();
    try {
      const code = await verificationCode(cert);
      downloadBytes(el, `rnn-course-certificate-${stamp()}.png`, await drawPng(cert, code));
    } catch (err) {
      fail(err);
    }
  }, { signal });
  $("[data-action='pdf']").addEventListener("click", async () => {
    const cert = current();
    if (!cert) return void input.focus();
    try {
      const code = await verificationCode(cert);
      const page = pdfPage(layout(cert, code, pdfMeasure));
      downloadBytes(el, `rnn-course-certificate-${stamp()}.pdf`, writePdf(page, `Certificate: ${cert.name}`));
    } catch (err) {
      fail(err);
    }
  }, { signal });

  if (checkName(input.value).ok) refresh();
  setState(el, "ready");
  return () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
  };
}
