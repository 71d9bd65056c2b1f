// Mã xác thực of the comment form (portal/feedback): finds a counter such that sha256(nonce + counter) starts with
// `bits` zero bits and puts it in the hidden field "pow", so the reader need not answer the sum. Without this script
// (or without WebCrypto, e.g. on plain http) the sum stays and works on its own.
// The work (about a second on a cheap phone) starts only when the reader turns to the form: a field of it gets the
// focus, or the page is the form sent back (its address ends in #binh-luan-form); readers who only read pay nothing.
(function () {
  'use strict';
  var field = document.getElementById('captcha-pow');
  if (!field || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var nonce = field.getAttribute('data-nonce') || '';
  var bits = Number(field.getAttribute('data-bits') || '0');
  var status = document.getElementById('captcha-status');
  var encoder = new TextEncoder();
  function zeroBits(buf) {
    var bytes = new Uint8Array(buf);
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { n += 8; continue; }
      n += Math.clz32(bytes[i]) - 24;
      break;
    }
    return n;
  }
  function batch(start) {
    var tries = [];
    for (var i = start; i < start + 256; i++) tries.push(crypto.subtle.digest('SHA-256', encoder.encode(nonce + i)));
    return Promise.all(tries).then(function (digests) {
      for (var j = 0; j < digests.length; j++) if (zeroBits(digests[j]) >= bits) return start + j;
      return batch(start + 256);
    });
  }
  function solve() {
    if (status) status.textContent = 'Đang tự xác thực…';
    batch(0).then(function (counter) {
      field.value = String(counter);
      var sum = document.getElementById('captcha-field');
      if (sum) sum.hidden = true;
      if (status) status.textContent = 'Đã tự xác thực, không cần nhập mã.';
    }).catch(function () {
      if (status) status.textContent = '';
    });
  }
  var form = field.form;
  if (!form || location.hash === '#binh-luan-form') return solve();
  form.addEventListener('focusin', function start() {
    form.removeEventListener('focusin', start);
    solve();
  });
})();
