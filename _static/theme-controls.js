/* The few Bootstrap behaviours the theme's pages use, in place of Bootstrap's 81 KB bundle
   (see _ext/handbook/web/theme_controls.py): tooltips on the header's buttons, the colour
   mode menu, and the back-to-top button. The markup and classes are Bootstrap's, so the
   theme's style sheet draws them as before; `window.bootstrap.Tooltip` keeps the one call
   pydata-sphinx-theme.js makes. Nothing here reads the layout before the reader acts:
   the page's first layout is left to the browser. */
(() => {
  "use strict";
  const SHOW_DELAY = 500, HIDE_DELAY = 100, OFFSET = 6;  // Bootstrap's tooltip defaults
  const tooltips = new WeakMap();
  let count = 0;

  class Tooltip {
    constructor(element, options = {}) {
      this.element = element;
      this.title = options.title || element.getAttribute("title") || "";
      this.manual = options.trigger === "manual";
      this.placement = options.placement || element.dataset.bsPlacement || "top";
      this.enabled = true;
      this.timer = null;
      this.tip = null;
      // The title moves out of the way, or the browser would show its own tooltip too.
      if (element.hasAttribute("title")) {
        element.setAttribute("data-bs-original-title", element.getAttribute("title"));
        element.removeAttribute("title");
      }
      if (!element.hasAttribute("aria-label") && this.title && !element.textContent.trim()) {
        element.setAttribute("aria-label", this.title);
      }
      if (!this.manual) {
        const later = (action, delay) => () => {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => action.call(this), delay);
        };
        element.addEventListener("mouseenter", later(this.show, SHOW_DELAY));
        element.addEventListener("focusin", later(this.show, SHOW_DELAY));
        element.addEventListener("mouseleave", later(this.hide, HIDE_DELAY));
        element.addEventListener("focusout", later(this.hide, HIDE_DELAY));
        element.addEventListener("click", () => { clearTimeout(this.timer); this.hide(); });
      }
      tooltips.set(element, this);
    }

    static getInstance(element) { return tooltips.get(element) || null; }

    show() {
      if (!this.enabled || this.tip || !this.title || !this.element.isConnected) return;
      const tip = document.createElement("div");
      tip.className = "tooltip bs-tooltip-auto fade";
      tip.id = `tooltip${++count}`;
      tip.setAttribute("role", "tooltip");
      tip.style.position = "absolute";
      tip.style.inset = "0 auto auto 0";
      tip.style.margin = "0";
      const arrow = document.createElement("div");
      arrow.className = "tooltip-arrow";
      arrow.style.position = "absolute";
      const inner = document.createElement("div");
      inner.className = "tooltip-inner";
      inner.textContent = this.title;
      tip.append(arrow, inner);
      document.body.append(tip);
      this.tip = tip;
      this.element.setAttribute("aria-describedby", tip.id);
      this.place(arrow);
      tip.classList.add("show");
    }

    // Below or above the element (whichever fits, the asked side first), centred on it,
    // kept inside the window; the arrow points at the element's centre.
    place(arrow) {
      const box = this.element.getBoundingClientRect();
      const tip = this.tip.getBoundingClientRect();
      const room = { top: box.top, bottom: window.innerHeight - box.bottom };
      const sides = this.placement === "bottom" ? ["bottom", "top"] : ["top", "bottom"];
      const side = sides.find((name) => room[name] >= tip.height + OFFSET) || sides[0];
      const centre = box.left + box.width / 2;
      const left = Math.min(Math.max(centre - tip.width / 2, 0),
                            Math.max(document.documentElement.clientWidth - tip.width, 0));
      const top = side === "bottom" ? box.bottom + OFFSET : box.top - OFFSET - tip.height;
      this.tip.dataset.popperPlacement = side;
      this.tip.style.transform =
        `translate(${Math.round(left + window.scrollX)}px, ${Math.round(top + window.scrollY)}px)`;
      const arrowWidth = arrow.getBoundingClientRect().width;
      arrow.style.left = `${Math.round(centre - left - arrowWidth / 2)}px`;
    }

    hide() {
      if (!this.tip) return;
      this.tip.remove();
      this.tip = null;
      this.element.removeAttribute("aria-describedby");
    }

    enable() { this.enabled = true; }
    disable() { this.enabled = false; this.hide(); }
  }

  // The colour mode menu: Bootstrap's dropdown, opened by a click, Enter, Space or the
  // arrow keys; Escape, a click elsewhere or a choice closes it.
  function setUpMenu(toggle) {
    const menu = toggle.parentElement.querySelector(".dropdown-menu");
    if (!menu) return;
    const holder = toggle.closest("[data-bs-toggle='tooltip']");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-haspopup", "true");
    const items = () => [...menu.querySelectorAll(".dropdown-item:not(.disabled):not(:disabled)")];
    const isOpen = () => menu.classList.contains("show");
    const open = () => {
      if (isOpen()) return;
      Tooltip.getInstance(holder)?.disable();
      // Where Bootstrap's Popper puts it: under its holder, 2 px apart, at its end
      // (the theme's own rule for the menu would shift it sideways).
      const end = menu.classList.contains("dropdown-menu-end");
      menu.style.position = "absolute";
      menu.style.inset = end ? "0 0 auto auto" : "0 auto auto 0";
      menu.style.margin = "0";
      menu.style.transform = `translate(0px, ${toggle.parentElement.offsetHeight + 2}px)`;
      menu.dataset.popperPlacement = end ? "bottom-end" : "bottom-start";
      menu.classList.add("show");
      toggle.classList.add("show");
      toggle.setAttribute("aria-expanded", "true");
    };
    const close = (refocus) => {
      if (!isOpen()) return;
      menu.classList.remove("show");
      menu.removeAttribute("style");
      toggle.classList.remove("show");
      toggle.setAttribute("aria-expanded", "false");
      Tooltip.getInstance(holder)?.enable();
      if (refocus) toggle.focus();
    };
    const move = (step) => {
      const list = items();
      if (!list.length) return;
      const at = list.indexOf(document.activeElement);
      const next = at === -1 ? (step > 0 ? 0 : list.length - 1)
                             : (at + step + list.length) % list.length;
      list[next].focus();
    };
    toggle.addEventListener("click", (event) => {
      event.preventDefault();
      if (isOpen()) return close(false);
      open();
      // Opened from the keyboard (Enter or Space): the focus goes to the first choice,
      // as in a menu button; the theme takes it off the button on every click.
      if (event.detail === 0) move(1);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && isOpen()) {
        event.preventDefault();
        close(true);
      }
    });
    toggle.parentElement.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        open();
        move(event.key === "ArrowDown" ? 1 : -1);
      }
    });
    menu.addEventListener("click", (event) => {
      if (event.target.closest(".dropdown-item")) close(event.detail === 0);
    });
    document.addEventListener("click", (event) => {
      if (!toggle.parentElement.contains(event.target)) close(false);
    });
    document.addEventListener("focusin", (event) => {
      if (!toggle.parentElement.contains(event.target)) close(false);
    });
  }

  // Shown once the reader has scrolled up from below the page's header.
  function setUpBackToTop(button) {
    const header = document.querySelector(".bd-header");
    // Read at the first scroll: reading window.scrollY now would make the browser lay
    // the page out before its first paint.
    let last = null, headerBottom = null;
    button.addEventListener("click", () => {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
    window.addEventListener("scroll", () => {
      if (headerBottom === null) {
        headerBottom = header ? header.getBoundingClientRect().bottom : 0;
      }
      const up = last !== null && last > window.scrollY;
      button.style.display = up && window.scrollY > headerBottom ? "block" : "none";
      last = window.scrollY;
    }, { passive: true });
  }

  window.bootstrap = { Tooltip };
  const start = () => {
    document.querySelectorAll("[data-bs-toggle='tooltip']").forEach((element) => new Tooltip(element, { placement: element.dataset.bsPlacement }));
    document.querySelectorAll("[data-bs-toggle='dropdown']").forEach(setUpMenu);
    const back = document.getElementById("pst-back-to-top");
    if (back) setUpBackToTop(back);
  };
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();
