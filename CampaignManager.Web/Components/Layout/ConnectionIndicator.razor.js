// The circuit half of the connection indicator (ConnectionIndicator.razor). The server cannot tell a dead circuit
// anything, so the browser drives it: blazor.web.js raises components-reconnect-state-changed on the reconnect
// dialog (ReconnectModal.razor) and this module turns that into the indicator's data-state, data-attempt, label
// and data-hidden. The server only owns data-live ("Live updates paused" while this instance has no Redis).
//
//   connected     green, hidden 3 s after it turns (and stays) green with live updates on
//   connecting    amber, "Reconnecting… attempt N" while blazor.web.js retries
//   error         red: retries exhausted, circuit rejected, or resume failed
//   disconnected  grey: the circuit is paused (Blazor.pauseCircuit, or by the server)
const HideAfterMilliseconds = 3000;
const dialog = document.getElementById("components-reconnect-modal");

// One page, one circuit, one state: it outlives indicator elements (a resumed circuit renders a new one).
let state = "connected";
let attempt = 0;
let element = null;
let liveObserver = null;
let hideTimer = 0;
let green = false;

dialog?.addEventListener("components-reconnect-state-changed", event => {
    const detail = event.detail ?? {};
    switch (detail.state) {
        case "show":
            set("connecting", 0);
            break;
        case "retrying":
            set("connecting", detail.currentAttempt ?? attempt);
            break;
        case "hide":
            set("connected", 0);
            break;
        case "failed":
        case "resume-failed":
            // After "hide" this is the stale report of a retry loop that a manual reconnect ended
            // (see ReconnectModal.razor.js): the circuit is up.
            if (state !== "connected") {
                set("error", attempt);
            }
            break;
        case "rejected":
            set("error", attempt);
            break;
        case "paused":
            set("disconnected", 0);
            break;
    }
});

/** Called by the component once it is rendered in a live circuit: that circuit is, by definition, connected. */
export function attach(indicator) {
    detach(element);
    element = indicator;
    // data-live is re-rendered by the server: green again means the 3 s countdown to hiding starts again.
    liveObserver = new MutationObserver(() => apply());
    liveObserver.observe(indicator, { attributes: true, attributeFilter: ["data-live"] });
    green = false;
    set("connected", 0);
}

export function detach(indicator) {
    if (!indicator || indicator !== element) {
        return;
    }

    liveObserver?.disconnect();
    liveObserver = null;
    clearTimeout(hideTimer);
    hideTimer = 0;
    element = null;
}

function set(newState, newAttempt) {
    state = newState;
    attempt = newAttempt;
    apply();
}

function apply() {
    if (!element?.isConnected) {
        return;
    }

    element.dataset.state = state;
    element.dataset.attempt = String(attempt);
    setLabel(label());

    // Green = circuit connected and live updates flowing: show it for 3 s, then get out of the way.
    const nowGreen = state === "connected" && element.dataset.live !== "paused";
    if (!nowGreen) {
        clearTimeout(hideTimer);
        hideTimer = 0;
        element.dataset.hidden = "false";
    } else if (!green) {
        element.dataset.hidden = "false";
        hideTimer = setTimeout(() => {
            hideTimer = 0;
            if (element) {
                element.dataset.hidden = "true";
            }
        }, HideAfterMilliseconds);
    }

    green = nowGreen;
}

function label() {
    switch (state) {
        case "connected":
            return "Connected";
        case "connecting":
            return attempt > 0 ? `Reconnecting… attempt ${attempt}` : "Reconnecting…";
        case "error":
            return "Could not reconnect";
        default:
            return "Disconnected";
    }
}

// The label's text node was rendered by Blazor: change its value rather than replacing the node, so the
// renderer's own reference to it stays valid.
function setLabel(text) {
    const span = element.querySelector(".cm-connection-label");
    if (!span) {
        return;
    }

    if (span.firstChild?.nodeType === Node.TEXT_NODE) {
        span.firstChild.nodeValue = text;
    } else {
        span.textContent = text;
    }

    element.title = element.dataset.live === "paused" ? `${text} · live updates paused` : text;
}
