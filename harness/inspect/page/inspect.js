// The inspect page: draws what /api/screens returns. Every text from the app goes in through
// textContent, never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
let state = null;
let current = 0;   // index of the device shown
let selected = -1; // index of the element clicked

function $(id) { return document.getElementById(id); }

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function status(text) { $("status").textContent = text; }

async function call(method, path) {
  const response = await fetch(path, { method, headers: { "Accept": "application/json" } });
  const data = await response.json();
  if (!response.ok || data.error) throw new Error(data.error || response.statusText);
  return data;
}

async function load(method, path) {
  status("reading the screen…");
  try {
    state = await call(method, path);
    if (current >= state.devices.length) current = 0;
    selected = -1;
    render();
    status("");
  } catch (error) {
    status("error: " + error.message);
  }
}

function render() {
  const nav = $("devices");
  clear(nav);
  state.devices.forEach((device, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = device.device;
    button.className = index === current ? "current" : "";
    button.addEventListener("click", () => { current = index; selected = -1; render(); });
    nav.appendChild(button);
  });
  $("check").disabled = !state.check;
  $("check").title = state.check ? "check " + state.check : "start with --check SCREEN_MAP";
  const device = state.devices[current];
  $("screenshot").src = device.screenshot;
  const svg = $("boxes");
  clear(svg);
  svg.setAttribute("viewBox", `0 0 ${device.size[0]} ${device.size[1]}`);
  const tree = $("tree");
  clear(tree);
  device.elements.forEach((element, index) => {
    const item = document.createElement("li");
    item.textContent = "  ".repeat(element.depth) + element.title;
    item.style.paddingLeft = (4 + 12 * element.depth) + "px";
    item.dataset.index = index;
    item.addEventListener("click", () => select(index));
    tree.appendChild(item);
    if (!element.rect) return;
    const box = document.createElementNS(SVG, "rect");
    const [x, y, width, height] = element.rect;
    box.setAttribute("x", x);
    box.setAttribute("y", y);
    box.setAttribute("width", width);
    box.setAttribute("height", height);
    box.dataset.index = index;
    box.dataset.title = element.title;
    const tip = document.createElementNS(SVG, "title");
    tip.textContent = element.title;
    box.appendChild(tip);
    box.addEventListener("click", (event) => { event.stopPropagation(); select(index); });
    svg.appendChild(box);
  });
  showDetails();
}

function select(index) {
  selected = index;
  showDetails();
}

function showDetails() {
  const device = state.devices[current];
  document.querySelectorAll("#boxes rect, #tree li").forEach((node) => {
    node.classList.toggle("selected", Number(node.dataset.index) === selected);
  });
  const element = device.elements[selected];
  clear($("selectors"));
  clear($("attributes"));
  $("yaml").textContent = "";
  if (!element) {
    $("element-title").textContent = device.note || "Click an element";
    $("yaml").textContent = state.fragment;
    return;
  }
  $("element-title").textContent = element.title;
  element.selectors.forEach((selector) => {
    const item = document.createElement("li");
    item.className = selector.unique ? "unique" : "not-unique";
    item.textContent = `${selector.yaml}  (${selector.verdict})`;
    $("selectors").appendChild(item);
  });
  $("yaml").textContent = element.yaml || "# no selector finds this element alone";
  const rows = Object.entries(element.attributes);
  if (!("class" in element.attributes)) rows.unshift(["class", element.class]);
  rows.forEach(([name, value]) => {
    const row = document.createElement("tr");
    const key = document.createElement("td");
    key.textContent = name;
    const cell = document.createElement("td");
    cell.textContent = value;
    row.appendChild(key);
    row.appendChild(cell);
    $("attributes").appendChild(row);
  });
}

async function check() {
  status("checking the screen map…");
  try {
    const result = await call("POST", "/api/check");
    $("check-result").textContent = result.text;
    status(result.wrong ? `${result.wrong} wrong locator(s)` : "screen map: no wrong locator");
  } catch (error) {
    status("error: " + error.message);
  }
}

$("refresh").addEventListener("click", () => load("POST", "/api/refresh"));
$("check").addEventListener("click", check);
load("GET", "/api/screens");
