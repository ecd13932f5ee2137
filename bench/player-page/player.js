// The moving parts of the player, one requestAnimationFrame at a time, as the kiosk animates them.
"use strict";
const arc = document.getElementById("arc");
const clock = document.getElementById("clock");
const dot = document.getElementById("pace-dot");
const marker = document.getElementById("marker");
const passes = document.getElementById("passes");
const working = document.getElementById("working");
const figure = document.getElementById("figure");
const pen = figure.getContext("2d");
const circumference = 2 * Math.PI * 88;
const stepMs = 30000, passS = 4;
const started = performance.now();
let shownSecond = -1;

function drawFigure(t) {
  // A body on the floor rolling a calf back and forth over the roller.
  const w = figure.width = figure.clientWidth, h = figure.height = figure.clientHeight;
  const s = Math.min(w / 3, h / 1.6), floor = h * 0.85, roll = Math.sin(t * Math.PI / passS) * 0.25;
  pen.clearRect(0, 0, w, h);
  pen.fillStyle = "#3a414c";
  pen.fillRect(0, floor, w, 3);
  pen.lineCap = "round";
  const limb = (x0, y0, x1, y1, width, colour) => {
    pen.strokeStyle = colour; pen.lineWidth = width * s;
    pen.beginPath(); pen.moveTo(x0, y0); pen.lineTo(x1, y1); pen.stroke();
  };
  const hip = { x: w * 0.45 + roll * s, y: floor - 0.35 * s };
  pen.fillStyle = "#2ecc8f";
  pen.beginPath(); pen.arc(w * 0.7, floor - 0.1 * s, 0.1 * s, 0, 2 * Math.PI); pen.fill();
  limb(hip.x, hip.y, w * 0.7 + roll * s * 0.2, floor - 0.22 * s, 0.09, "#c8ced6");
  limb(w * 0.7 + roll * s * 0.2, floor - 0.22 * s, w * 0.92, floor - 0.2 * s, 0.07, "#f0b35a");
  limb(hip.x, hip.y, hip.x - 0.45 * s, floor - 0.75 * s, 0.12, "#c8ced6");
  limb(hip.x - 0.45 * s, floor - 0.75 * s, hip.x - 0.55 * s, floor, 0.06, "#c8ced6");
  pen.fillStyle = "#c8ced6";
  pen.beginPath(); pen.arc(hip.x - 0.5 * s, floor - 0.9 * s, 0.1 * s, 0, 2 * Math.PI); pen.fill();
}

function frame(now) {
  const elapsed = (now - started) % stepMs, left = 1 - elapsed / stepMs;
  arc.style.strokeDashoffset = String(circumference * (1 - left));
  const second = Math.ceil((stepMs - elapsed) / 1000);
  if (second !== shownSecond) {
    shownSecond = second;
    clock.textContent = `0:${String(second).padStart(2, "0")}`;
    working.textContent = `Working 0:${String(30 - second).padStart(2, "0")}`;
    passes.textContent = `${Math.floor((30 - second) / passS)} passes \u00b7 4.1 s`;
  }
  const t = (now - started) / 1000, phase = (t % (2 * passS)) / passS;
  const where = phase <= 1 ? phase : 2 - phase;
  dot.style.transform = `translateX(${where * (dot.parentElement.clientWidth - dot.clientWidth)}px)`;
  const force = 0.42 + 0.06 * Math.sin(t * 7.1) + 0.03 * Math.sin(t * 23.0);
  marker.style.transform = `translateX(${force * marker.parentElement.clientWidth}px)`;
  drawFigure(t);
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
