// The page side of actlib.widgets.LivePlot (an anywidget ES module, no build step, no CDN).
//
// The kernel sends the figure without its curves as a PNG (`background`, only
// when the axes change) and, per slider step, the curves' y in pixels (`ys`,
// float32; their x and styles once). This module draws them on a <canvas>.
// It also listens to the explorer's sliders in the page and sends their
// values to the kernel at once ("values" messages), instead of waiting for
// ipywidgets' one-message-at-a-time slider sync: at most WINDOW of them are
// unanswered, the newest is always sent, and the kernel draws only the
// newest it has. Each drawn frame is stamped on the canvas (data-seq,
// data-values) for the tests and the benchmark.

const WINDOW = 3; // unanswered "values" messages at most: bounds the lag on a slow link

function initialize({ model }) {
  let sent = 0; // seq of the last "values" message sent from this page
  let dirty = false; // the sliders moved while the window was full
  let controls = [];

  const values = () => Object.fromEntries(controls.map((c) => [c.get("description"), c.get("value")]));
  const send = () => {
    dirty = false;
    sent = Math.max(sent, model.get("seq")) + 1;
    model.send({ type: "values", seq: sent, values: values() });
  };
  const onSlider = (control) => {
    // A change the kernel made is drawn by the kernel already.
    if (control._state_lock) return;
    if (sent - model.get("seq") >= WINDOW) dirty = true;
    else send();
  };
  model.on("change:seq", () => {
    if (dirty && sent - model.get("seq") < WINDOW) send();
  });
  const refs = model.get("controls") || [];
  Promise.all(refs.map((ref) => model.widget_manager.get_model(ref.replace(/^IPY_MODEL_/, ""))))
    .then((found) => {
      controls = found;
      for (const control of controls) control.on("change:value", () => onSlider(control));
    })
    .catch((err) => console.warn("actlib LivePlot: sliders not found; the kernel draws each step", err));
}

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "actlib-liveplot";
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  let background = null; // ImageBitmap of the current background
  let loading = 0; // background version being decoded (0: none)
  let version = 0;

  const floats = (name) => {
    const view = model.get(name);
    return view && view.byteLength ? new Float32Array(view.buffer, view.byteOffset, view.byteLength / 4) : new Float32Array(0);
  };

  function paint() {
    if (loading || !background) return; // painted again once the new axes are decoded
    const [w, h] = model.get("size");
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.drawImage(background, 0, 0, w, h);
    const xs = floats("xs");
    const ys = floats("ys");
    let start = 0;
    for (const style of model.get("styles")) {
      const n = style.n;
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
        const y = ys[i];
        if (!Number.isFinite(y)) { pen = false; continue; }
        if (pen) ctx.lineTo(xs[i], y); else ctx.moveTo(xs[i], y);
        pen = true;
      }
      ctx.stroke();
      ctx.restore();
      start += n;
    }
    canvas.dataset.seq = String(model.get("seq"));
    canvas.dataset.values = JSON.stringify(model.get("shown"));
    canvas.dataset.frame = String((Number(canvas.dataset.frame) || 0) + 1);
  }

  async function loadBackground() {
    const mine = ++version;
    loading = mine;
    const view = model.get("background");
    try {
      const bitmap = await createImageBitmap(new Blob([view], { type: "image/png" }));
      if (mine !== version) return; // a newer background is on its way
      background = bitmap;
    } catch (err) {
      console.warn("actlib LivePlot: bad background", err);
    }
    if (mine === version) loading = 0;
    paint();
  }

  // Painting takes well under a millisecond, so each state the kernel sends
  // is painted as it arrives: "change" fires once per message, after all its
  // traits are set (and after "change:background", which makes paint() wait
  // for the new axes to be decoded). The model holds only the newest state.
  model.on("change:background", loadBackground);
  model.on("change", paint);
  loadBackground();
  return () => { model.off("change:background", loadBackground); model.off("change", paint); };
}

export default { initialize, render };
