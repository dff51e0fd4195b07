// The page side of actlib.widgets.LivePlot (an anywidget ES module, no build step, no CDN).
//
// The kernel sends the figure without its curves as a PNG (`background`, only
// when the axes change), how to stroke each curve (`styles`, with the line
// from data y to pixel rows and the y-range), their x in pixels (`xs`) and,
// per slider step, the curves' y in data units (`ys`, float32) with the
// step's key. This module draws them on a <canvas>.
//
// It also listens to the explorer's sliders in the page and sends their
// values to the kernel at once ("values" messages), instead of waiting for
// ipywidgets' one-message-at-a-time slider sync: at most one is unanswered;
// values set meanwhile wait for the answer and only the newest is sent then.
// With its answers the kernel sends the curves of nearby steps ("curves"
// messages); the page keeps them by key and, when a slider lands on a step
// it holds, draws them at once. The page greets the kernel as soon as it
// has found the sliders, so that the steps around their first values are
// here before the first drag. Each drawn frame is stamped on the canvas
// (data-frame, data-values, data-seq, data-clipped), and so is the number of
// steps the page holds (data-held), for the tests and the benchmarks.

const CACHE_LIMIT = 4096; // steps kept; past it the page starts afresh (so does the kernel's record)

// The explorer's controls as widget models (sliders and toggle buttons), in order.
function findControls(model) {
  const refs = model.get("controls") || [];
  return Promise.all(refs.map((ref) => model.widget_manager.get_model(ref.replace(/^IPY_MODEL_/, ""))));
}

const isChoice = (control) => typeof control.get("index") === "number";

// Control name -> value, as the kernel names them (a choice by its label).
function valuesOf(controls) {
  return Object.fromEntries(controls.map((c) =>
    [c.get("description"), isChoice(c) ? c.get("_options_labels")[c.get("index")] : c.get("value")]));
}

// The step key of the controls' values, as Explorer.step_key makes it; null off the steps.
function keyOf(controls) {
  const steps = [];
  for (const c of controls) {
    if (isChoice(c)) { steps.push(c.get("index")); continue; }
    const [min, step, value] = [c.get("min"), c.get("step"), c.get("value")];
    const k = Math.round((value - min) / step);
    if (Math.abs(min + k * step - value) > 1e-6 * step) return null;
    steps.push(k);
  }
  return steps.join(",");
}

// A float32 copy of a binary trait or buffer (its offset need not be a multiple of 4).
function floats(view) {
  if (!view || !view.byteLength) return new Float32Array(0);
  const bytes = view.buffer ? view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) : view.slice(0);
  return new Float32Array(bytes);
}

function initialize({ model }) {
  let sent = 0; // seq of the last "values" message sent from this page
  let dirty = false; // the sliders moved while a message was unanswered
  let fresh = true; // no message sent yet: this page holds no curves
  let controls = [];

  const send = () => {
    dirty = false;
    sent = Math.max(sent, model.get("seq")) + 1;
    model.send({ type: "values", seq: sent, values: valuesOf(controls), ...(fresh ? { fresh: true } : {}) });
    fresh = false;
  };
  const onSlider = (control) => {
    // A change the kernel made is drawn by the kernel already.
    if (control._state_lock) return;
    if (sent > model.get("seq")) dirty = true; // sent with the answer: no queue of stale values
    else send();
  };
  model.on("change:seq", () => {
    if (dirty && sent <= model.get("seq")) send();
  });
  findControls(model)
    .then((found) => {
      controls = found;
      for (const control of controls) control.on("change:value", () => onSlider(control));
      if (controls.length) send(); // the greeting: the kernel answers with the steps around
    })
    .catch((err) => console.warn("actlib LivePlot: sliders not found; the kernel draws each step", err));
}

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "actlib-liveplot";
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  // The axes on the canvas: the background decoded last, with the styles, xs
  // and size that came with it. A newer background is decoded meanwhile, and
  // the page goes on drawing the curves it holds on these axes if they fit.
  let axes = null;
  let version = 0; // of the newest background sent
  let states = 0; // states the kernel sent
  let painted = null; // what the canvas shows: [source, axes version]
  let paintedAt = -Infinity; // when the sliders were where that picture shows them
  let controls = [];
  const cache = new Map(); // step key -> Float32Array of the curves' y at that step
  const reached = new Map(); // step key -> when the sliders were last there

  const keep = (key, ys) => {
    if (!key || !ys.length) return;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, ys);
  };

  // Each curve's finite values lie in its axes' y-range (else the kernel must redraw the axes).
  function fits(ys) {
    let start = 0;
    for (const { n, ylim: [lo, hi] } of axes.styles) {
      for (let i = start; i < start + n; i++) {
        const y = ys[i];
        if (Number.isFinite(y) && (y < lo || y > hi)) return false;
      }
      start += n;
    }
    return start === ys.length;
  }

  // The curves of the sliders' values if this page holds them, else the
  // kernel's newest once its axes are decoded, unless the canvas shows a
  // later position already (an answer to values the sliders have left: a
  // stale picture is dropped). Null: nothing newer to paint. Held curves
  // that leave the axes shown are drawn clipped to them: the kernel hears
  // of the same move and sends grown axes, on which they are drawn again.
  // (Waiting for those axes instead left a first drag a round trip behind.)
  function current() {
    const key = controls.length ? keyOf(controls) : null;
    const ys = key !== null && cache.get(key);
    const now = performance.now();
    if (ys) return { source: `step ${key}`, at: now, ys, values: valuesOf(controls) };
    if (axes.version !== version) return null;
    const state = model.get("key");
    // A state of a step the sliders never reached here (a change made in the
    // kernel, a value off the steps, softmax) is the newest there is.
    const at = reached.has(state) ? reached.get(state) : now;
    if (at < paintedAt) return null;
    return { source: state ? `step ${state}` : `state ${states}`, at, ys: floats(model.get("ys")), values: model.get("shown") };
  }

  function paint() {
    if (!axes) return; // painted once the first background is decoded
    const pick = current();
    if (!pick || (painted && painted[0] === pick.source && painted[1] === axes.version)) return;
    const [w, h] = axes.size;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.drawImage(axes.bitmap, 0, 0, w, h);
    const { xs } = axes;
    const ys = pick.ys;
    let start = 0;
    for (const style of axes.styles) {
      const n = style.n;
      const [a, b] = style.y;
      ctx.save();
      const [x0, y0, x1, y1] = style.clip;
      ctx.beginPath();
      ctx.rect(x0, y0, x1 - x0, y1 - y0);
      ctx.clip();
      ctx.strokeStyle = style.color;
      ctx.globalAlpha = style.alpha;
      ctx.lineWidth = style.width;
      ctx.lineJoin = "round";
      ctx.lineCap = style.dash.length ? "butt" : "square";
      ctx.setLineDash(style.dash);
      ctx.beginPath();
      let pen = false;
      for (let i = start; i < start + n; i++) {
        if (!Number.isFinite(ys[i])) { pen = false; continue; }
        // The canvas clips to the axes; far-off points only need to stay far off.
        const y = Math.min(h + 1e4, Math.max(-1e4, a * ys[i] + b));
        if (pen) ctx.lineTo(xs[i], y); else ctx.moveTo(xs[i], y);
        pen = true;
      }
      ctx.stroke();
      ctx.restore();
      start += n;
    }
    painted = [pick.source, axes.version];
    paintedAt = pick.at;
    canvas.dataset.seq = String(model.get("seq"));
    canvas.dataset.values = JSON.stringify(pick.values);
    canvas.dataset.clipped = fits(ys) ? "0" : "1";
    canvas.dataset.frame = String((Number(canvas.dataset.frame) || 0) + 1);
  }

  async function loadBackground() {
    const mine = ++version;
    // The traits that came with this background (all are set before "change:background" fires).
    const next = { version: mine, size: model.get("size"), styles: model.get("styles"), xs: floats(model.get("xs")) };
    try {
      next.bitmap = await createImageBitmap(new Blob([model.get("background")], { type: "image/png" }));
    } catch (err) {
      console.warn("actlib LivePlot: bad background", err);
      return;
    }
    if (mine !== version) return; // a newer background is on its way
    axes = next;
    paint();
  }

  // "change" fires once per message from the kernel, after all its traits are
  // set (and after "change:background"). The model holds only the newest state.
  const onState = () => {
    states += 1;
    keep(model.get("key"), floats(model.get("ys")));
    paint();
  };
  const onCurves = (msg, buffers) => {
    if (!msg || msg.type !== "curves" || !buffers || !buffers.length) return;
    const all = floats(buffers[0]);
    const n = all.length / msg.keys.length;
    msg.keys.forEach((key, i) => keep(key, all.subarray(i * n, (i + 1) * n)));
    canvas.dataset.held = String(cache.size);
    paint(); // the sliders may be on one of these steps already
  };
  keep(model.get("key"), floats(model.get("ys")));
  model.on("change:background", loadBackground);
  model.on("change", onState);
  model.on("msg:custom", onCurves);
  // Painting takes well under a millisecond, so every slider move is painted
  // at once when this page holds its step.
  const onMove = () => {
    const key = keyOf(controls);
    if (reached.size >= CACHE_LIMIT) reached.clear(); // then an old answer may be painted once more
    if (key !== null) reached.set(key, performance.now());
    paint();
  };
  findControls(model)
    .then((found) => {
      controls = found;
      for (const control of controls) control.on("change:value change:index", onMove);
    })
    .catch(() => {}); // initialize() has said so; the kernel's states are still painted
  loadBackground();
  return () => {
    model.off("change:background", loadBackground);
    model.off("change", onState);
    model.off("msg:custom", onCurves);
    for (const control of controls) control.off("change:value change:index", onMove);
  };
}

export default { initialize, render };
