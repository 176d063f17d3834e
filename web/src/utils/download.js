// Hands a Blob to the browser as a download under `filename`.
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename || 'download';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  // revoking at once can cancel the download in some browsers
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

// "12%" style progress from bytes received; null when the size is unknown.
export function progressPercent(loaded, total) {
  if (!total || total <= 0 || !Number.isFinite(total)) return null;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}
