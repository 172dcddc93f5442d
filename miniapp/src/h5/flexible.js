/*
 * The H5 build's root font size (Taro's pxtransform turns design px into rem of it): Taro inlines this into
 * index.html by default. It lives in its own file so the page needs no inline script and the server's
 * Content-Security-Policy can be `script-src 'self'` (server/src/http/security-headers.ts). Loaded in <head>,
 * synchronously, so the first layout already has the right size.
 */
!(function (n) {
  function f() {
    var e = n.document.documentElement
    var r = e.getBoundingClientRect()
    var arr = [r.width, r.height].filter(function (value) {
      return Boolean(value)
    })
    var w = Math.min.apply(Math, arr)
    var x = (40 * w) / 750
    e.style.fontSize = x >= 40 ? '40px' : x <= 20 ? '20px' : x + 'px'
  }
  n.addEventListener('resize', function () {
    f()
    setTimeout(f, 500)
  })
  f()
})(window)
