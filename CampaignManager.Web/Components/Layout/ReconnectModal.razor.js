// The reconnect panel (ReconnectModal.razor). blazor.web.js runs the retry loop (Realtime:Reconnect's schedule, see
// App.razor), puts its state as a class on the dialog and raises components-reconnect-state-changed on it; this
// module opens and closes the dialog, shows the countdown, and makes sure the page never stays dead:
// "Retry now" rejoins the circuit, or resumes it from its persisted state, or reloads the page; a rejected
// circuit reloads; a failed one offers Reload and tries again when the tab becomes visible; the browser coming
// back online tries at once.
const dialog = document.getElementById("components-reconnect-modal");
const message = dialog.querySelector(".cm-reconnect-message");

dialog.addEventListener("components-reconnect-state-changed", onStateChanged);
// Escape would leave a page that cannot reach the server with nothing saying so.
dialog.addEventListener("cancel", event => event.preventDefault());
document.getElementById("cm-reconnect-retry").addEventListener("click", retryNow);
document.getElementById("cm-reconnect-resume").addEventListener("click", resume);
document.getElementById("cm-reconnect-reload").addEventListener("click", () => location.reload());
// A laptop back on its Wi-Fi says so: try at once rather than wait out a countdown of up to 32 s.
window.addEventListener("online", retryWhenBackOnline);

function onStateChanged(event) {
    const { state, secondsToNextAttempt, remote } = event.detail ?? {};
    if (state === "hide") {
        close();
        return;
    }

    if ((state === "failed" || state === "resume-failed") && !dialog.open) {
        // blazor.web.js 10.0: a retry loop ended by a reconnect from outside it ("Retry now") still reports
        // "failed" at its next countdown tick, after "hide". The circuit is up: nothing failed.
        return;
    }

    if (!dialog.open) {
        dialog.showModal();
    }

    switch (state) {
        case "show":
            message.textContent = "";
            break;
        case "retrying":
            dialog.dataset.countdown = String(secondsToNextAttempt > 0);
            break;
        case "failed":
            document.addEventListener("visibilitychange", retryWhenVisible);
            break;
        case "rejected":
            // The server is up but no longer has this circuit, nor its persisted state: start afresh.
            location.reload();
            break;
        case "resume-failed":
            if (remote) {
                location.reload();
            }
            break;
    }
}

function close() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    message.textContent = "";
    setBusy(false);
    if (dialog.open) {
        dialog.close();
    }
}

async function retryNow() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    message.textContent = "";
    setBusy(true);
    try {
        // true: the same circuit again ("hide" follows); false: the server is up but the circuit is gone.
        if (await Blazor.reconnect()) {
            return;
        }

        // A new circuit from the old one's persisted state, if the server kept it; else start afresh.
        if (await Blazor.resumeCircuit()) {
            close();
        } else {
            location.reload();
        }
    } catch {
        // The server is still out of reach; the automatic attempts (if any are left) go on.
        message.textContent = "The server still cannot be reached.";
        if (dialog.classList.contains("components-reconnect-failed")) {
            document.addEventListener("visibilitychange", retryWhenVisible);
        }
    } finally {
        setBusy(false);
    }
}

async function resume() {
    setBusy(true);
    try {
        if (await Blazor.resumeCircuit()) {
            close();
        } else {
            location.reload();
        }
    } catch {
        dialog.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
        // Tell the connection indicator too: it listens to the same event.
        dialog.dispatchEvent(new CustomEvent("components-reconnect-state-changed", { detail: { state: "resume-failed" } }));
    } finally {
        setBusy(false);
    }
}

async function retryWhenBackOnline() {
    // Waiting for an attempt (blazor.web.js keeps "show" through the countdown) or given up; not paused by choice.
    const waiting = ["show", "retrying", "failed"].some(state => dialog.classList.contains(`components-reconnect-${state}`));
    if (dialog.open && waiting && dialog.getAttribute("aria-busy") !== "true") {
        await retryNow();
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retryNow();
    }
}

function setBusy(busy) {
    dialog.setAttribute("aria-busy", String(busy));
}
