// Ends the highlight of what another user just changed (Highlights.cs, app.css).
//
// The page renders the class cm-flash (or cm-flash-again, for the next event that changes the same
// entity) on the changed element while the change is under 1.5 s old (Highlights.Duration). app.css
// shows the highlight's colour at full strength and no animation: any running CSS animation, its
// delay included, makes a headless Chromium without a GPU produce and composite 60 frames a second
// in every open tab. This script holds the colour for 1.2 s and then adds cm-flash-fading, a 0.3 s
// opacity transition to nothing: 18 frames per highlight instead of 90 (docs/benchmarks.md, "The
// highlight: a held colour and a 0.3 s fade").
//
// Blazor writes the whole class attribute when it renders a new value, which drops cm-flash-fading;
// so a second change mid-highlight (cm-flash <-> cm-flash-again) starts the hold over, and a render
// for any other reason keeps the phase the highlight was in.
(() => {
    "use strict";
    const holdMilliseconds = 1200;
    const lit = "cm-flash";
    const litAgain = "cm-flash-again";
    const fading = "cm-flash-fading";

    /** element -> { key, timer, faded }: the highlight an element shows and how far it has got. */
    const highlights = new WeakMap();

    const keyOf = (element) =>
        element.classList.contains(litAgain) ? litAgain : element.classList.contains(lit) ? lit : null;

    const startFade = (element, highlight) => {
        highlight.faded = true;
        highlight.timer = 0;
        element.classList.add(fading);
    };

    const track = (element) => {
        const key = keyOf(element);
        const current = highlights.get(element);
        if (key === null) {
            if (current) {
                clearTimeout(current.timer);
                highlights.delete(element);
            }
            return;
        }

        if (current && current.key === key) {
            // The same highlight, its class attribute rewritten for another reason: keep its phase.
            if (current.faded && !element.classList.contains(fading)) {
                element.classList.add(fading);
            }
            return;
        }

        if (current) {
            clearTimeout(current.timer);
        }
        if (element.classList.contains(fading)) {
            element.classList.remove(fading);
        }
        const next = { key, timer: 0, faded: false };
        next.timer = setTimeout(() => startFade(element, next), holdMilliseconds);
        highlights.set(element, next);
    };

    const trackTree = (root) => {
        if (keyOf(root) !== null) {
            track(root);
        }
        for (const element of root.querySelectorAll(`.${lit}`)) {
            track(element);
        }
    };

    new MutationObserver((records) => {
        for (const record of records) {
            if (record.type === "attributes") {
                track(record.target);
            } else {
                for (const node of record.addedNodes) {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        trackTree(node);
                    }
                }
            }
        }
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });

    trackTree(document.documentElement);
})();
