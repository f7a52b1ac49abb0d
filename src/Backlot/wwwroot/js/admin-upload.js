// Media uploads with drag and drop and a progress bar; the form still posts without this script.
const form = document.getElementById('media-upload');
const input = document.getElementById('files');
const zone = document.getElementById('dropzone');
const progress = document.getElementById('upload-progress');
const errors = document.getElementById('upload-errors');

for (const type of ['dragenter', 'dragover']) {
  zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add('over'); });
}
for (const type of ['dragleave', 'drop']) {
  zone.addEventListener(type, () => zone.classList.remove('over'));
}
zone.addEventListener('drop', (e) => {
  e.preventDefault();
  input.files = e.dataTransfer.files;
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const request = new XMLHttpRequest();
  request.open('POST', form.action);
  request.setRequestHeader('Accept', 'application/json');
  request.upload.addEventListener('progress', (p) => {
    if (p.lengthComputable) progress.value = Math.round((p.loaded / p.total) * 100);
  });
  request.addEventListener('load', () => {
    progress.hidden = true;
    let result = { created: [], errors: ['The upload failed.'] };
    try { result = JSON.parse(request.responseText); } catch { /* keep the generic message */ }
    errors.replaceChildren(...result.errors.map((message) => Object.assign(document.createElement('li'), { textContent: message })));
    if (result.errors.length === 0) location.reload();
  });
  progress.hidden = false;
  progress.value = 0;
  request.send(new FormData(form));
});
