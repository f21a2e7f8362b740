/**
 * A certificate's PDF and verification code as the widget's code makes them, for
 * tests/test_certificate.py to read with pypdf and to recompute with hashlib.
 */
import { printValues } from "./harness.ts";
import { evaluate, type Course, type Sources } from "../../widgets/lib/achievements.ts";
import raw from "../../widgets/achievements/course.json" with { type: "json" };
import labsRaw from "../../widgets/certificate/labs.json" with { type: "json" };
import { canonical, certificate, layout, verificationCode, type LabMeta } from "../../widgets/certificate/logic.ts";
import { writePdf } from "../../widgets/certificate/pdf.ts";
import { pdfMeasure, pdfPage } from "../../widgets/certificate/view.ts";

const course = raw as Course;
const NOW = Date.parse("2026-12-05T12:00:00Z");
const s: Sources = {
  progress: { visits: {}, pages: {}, labs: { lstm_step: NOW - 3600_000, softmax: NOW - 7200_000 }, paths: {} },
  log: { runs: [], events: [], imported: { labs: ["softmax"], challenges: [], detective: false } },
  challenges: {}, detective: { right: 0, answered: 0 },
};
const name = "Zoë Ørsted 李";
const cert = certificate(name, s, course, evaluate(s, course, 5), labsRaw as LabMeta, NOW);
const code = await verificationCode(cert);
const pdf = writePdf(pdfPage(layout(cert, code, pdfMeasure)), `Certificate: ${name}`);
const empty = certificate("Ada", { ...s, progress: { ...s.progress, labs: {} }, log: { ...s.log, imported: { labs: [], challenges: [], detective: false } } },
  course, evaluate(s, course, 5), labsRaw as LabMeta, NOW);
const emptyCode = await verificationCode(empty);
const emptyPdf = writePdf(pdfPage(layout(empty, emptyCode, pdfMeasure)), "Certificate: Ada");

printValues({
  pdf: Buffer.from(pdf).toString("base64"), canonical: canonical(cert), code,
  emptyPdf: Buffer.from(emptyPdf).toString("base64"),
});
