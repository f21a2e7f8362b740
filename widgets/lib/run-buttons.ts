/**
 * A Start button and its Stop swap roles while a job runs. A disabled button loses keyboard focus
 * to <body>, so the focused one hands it to the other: a keyboard reader who pressed Generate is
 * on Stop, and back on Generate when the job ends.
 */
export function swapRunButtons(start: HTMLButtonElement, stop: HTMLButtonElement, running: boolean): void {
  const handOver = document.activeElement === (running ? start : stop);
  start.disabled = running;
  stop.disabled = !running;
  if (handOver) (running ? stop : start).focus();
}
