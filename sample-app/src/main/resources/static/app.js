// The sample app's page: calls the app's own REST endpoints and follows its webhook
// events over server-sent events. No framework and no build step on purpose: what it
// does is what you would do from any client.
'use strict';

const byId = (id) => document.getElementById(id);

// Results shown, by the id of the message, call or verification they are about, and the
// latest status the webhooks reported for each id: a webhook moves its result's status on
// (and may arrive before the answer that shows the result).
const tracked = new Map();
const latest = new Map();

let sandbox = false;
let verification = null;

// --- Calling the app -------------------------------------------------------------------

class AppError extends Error {
}

async function request(method, path, body) {
	const headers = { Accept: 'application/json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	let response;
	try {
		response = await fetch(path, { method, headers, body: (body !== undefined) ? JSON.stringify(body) : undefined });
	}
	catch (ex) {
		throw new AppError('The app did not answer: is it still running?');
	}
	const text = await response.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	}
	catch (ex) {
		// Not JSON (a proxy's page, say): the status alone tells what happened.
	}
	if (!response.ok) {
		throw new AppError(describeProblem(response.status, json));
	}
	return json;
}

// A problem detail (RFC 9457) as one readable sentence: the app's detail names the field
// and the rule it breaks; SendPulse's own status and error code follow when it refused.
function describeProblem(status, problem) {
	if (!problem || typeof problem !== 'object') {
		return `The app answered ${status}.`;
	}
	let message = problem.title || `The app answered ${status}`;
	if (problem.detail) {
		message += ': ' + problem.detail;
	}
	if (problem.sendpulseStatus) {
		message += ` (SendPulse answered ${problem.sendpulseStatus}`
			+ (problem.sendpulseError ? ` ${problem.sendpulseError}` : '')
			+ (problem.retryable ? ', worth retrying' : '') + ')';
	}
	return message;
}

// --- Showing results -------------------------------------------------------------------

function element(tag, className, text) {
	const created = document.createElement(tag);
	if (className) {
		created.className = className;
	}
	if (text !== undefined && text !== null) {
		created.textContent = text;
	}
	return created;
}

function statusPill(status) {
	const pill = element('span', 'status', status.replace('_', ' '));
	pill.dataset.status = status;
	return pill;
}

function showResult(container, answered, id, details) {
	const status = (id && latest.has(id)) ? latest.get(id).status : answered;
	container.replaceChildren();
	container.dataset.status = status;
	container.classList.remove('error');
	container.removeAttribute('role');
	container.append(statusPill(status));
	if (id) {
		const code = element('code', 'id', id);
		container.append(code);
		container.dataset.id = id;
		tracked.set(id, container);
	}
	else {
		delete container.dataset.id;
	}
	if (details) {
		container.append(element('span', 'detail', details));
	}
}

function showError(container, message) {
	container.replaceChildren(element('span', 'message', message));
	container.dataset.status = 'error';
	delete container.dataset.id;
	container.classList.add('error');
	container.setAttribute('role', 'alert');
}

function time(instant) {
	return instant ? new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

// Disables the form's button while its request runs, and shows the answer or the error.
function onSubmit(form, container, action) {
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const button = form.querySelector('button[type=submit]');
		button.disabled = true;
		container.classList.add('busy');
		try {
			await action(new FormData(form));
		}
		catch (ex) {
			showError(container, (ex instanceof AppError) ? ex.message : String(ex));
		}
		finally {
			button.disabled = false;
			container.classList.remove('busy');
		}
	});
}

// --- The three actions -----------------------------------------------------------------

onSubmit(byId('sms-form'), byId('sms-result'), async (form) => {
	const sms = await request('POST', 'notifications', { to: form.get('to'), text: form.get('text') });
	showResult(byId('sms-result'), sms.status, sms.id, `${sms.segments} segment${(sms.segments === 1) ? '' : 's'}`);
});

onSubmit(byId('verify-form'), byId('verify-result'), async (form) => {
	verification = null;
	byId('sandbox-code').hidden = true;
	byId('check-result').replaceChildren();
	const started = await request('POST', 'verifications', { to: form.get('to') });
	verification = started.requestId;
	showResult(byId('verify-result'), started.status, started.requestId,
		`by ${started.channel}` + (started.expiresAt ? `, expires ${time(started.expiresAt)}` : ''));
	byId('check-code').disabled = false;
	byId('check-button').disabled = false;
	byId('check-code').value = '';
	if (sandbox) {
		// On the sandbox the code reaches no phone: the app tells it, so the loop can be
		// finished here. The real API has no such endpoint.
		try {
			const sent = await request('GET', `sandbox/verifications/${encodeURIComponent(started.requestId)}/code`);
			byId('sandbox-code-value').textContent = sent.code;
			byId('sandbox-code').hidden = false;
		}
		catch (ex) {
			// The verification started all the same: only the shortcut is missing.
			showError(byId('check-result'), `Could not read the sandbox's code: ${ex.message}`);
		}
	}
	byId('check-code').focus();
});

byId('use-code').addEventListener('click', () => {
	byId('check-code').value = byId('sandbox-code-value').textContent;
	byId('check-code').focus();
});

onSubmit(byId('check-form'), byId('check-result'), async (form) => {
	if (!verification) {
		throw new AppError('Send a code first.');
	}
	const check = await request('POST', `verifications/${encodeURIComponent(verification)}/check`,
		{ code: form.get('code') });
	showResult(byId('check-result'), check.valid ? 'valid' : 'invalid', null,
		check.valid ? 'the customer holds the number' : 'not the code that was sent');
});

onSubmit(byId('call-form'), byId('call-result'), async (form) => {
	const call = await request('POST', 'calls', { to: form.get('to'), message: form.get('message') });
	showResult(byId('call-result'), call.status, call.id, 'says the message, then waits for one key');
});

// --- Webhook events, live --------------------------------------------------------------

const events = byId('events');

function describeEvent(event) {
	if (event.status) {
		return event.status;
	}
	if (event.type === 'call.gather') {
		// Gathered digits can be a PIN: the page says how many, like the log.
		const count = event.digits ? event.digits.length : 0;
		return `${count} digit${(count === 1) ? '' : 's'}`;
	}
	if (event.type === 'call.recording') {
		return (event.durationSeconds !== undefined) ? `${event.durationSeconds} s recorded` : 'recorded';
	}
	return '';
}

function addEvent(number, event) {
	if (events.querySelector(`li[data-number="${number}"]`)) {
		return;
	}
	const item = element('li', 'event');
	item.dataset.number = number;
	item.dataset.type = event.type;
	if (event.id) {
		item.dataset.id = event.id;
	}
	if (event.status) {
		item.dataset.status = event.status;
	}
	const received = element('time', 'time', time(event.receivedAt));
	received.dateTime = event.receivedAt;
	received.title = `SendPulse's timestamp ${event.timestamp}, received ${event.receivedAt}`;
	item.append(element('span', 'type', event.type), element('code', 'id', event.id || ''),
		element('span', 'to', event.to || ''), element('span', 'state', describeEvent(event)), received);
	// Newest first, by the number the app gave each event: two that arrive together may
	// reach the page in either order.
	const later = [...events.children].find((other) => Number(other.dataset.number) < number);
	events.insertBefore(item, later || null);
	byId('events-empty').hidden = true;
	if (event.id && event.status && !(latest.has(event.id) && latest.get(event.id).number > number)) {
		latest.set(event.id, { number, status: event.status });
		const result = tracked.get(event.id);
		if (result && result.dataset.id === event.id) {
			result.dataset.status = event.status;
			result.querySelector('.status').replaceWith(statusPill(event.status));
		}
	}
}

function follow() {
	const state = byId('stream-state');
	const stream = new EventSource('events/stream');
	stream.addEventListener('connected', (message) => {
		const info = JSON.parse(message.data);
		sandbox = info.source === 'sandbox';
		const source = byId('source');
		source.textContent = sandbox ? 'Sandbox: nothing leaves this machine' : 'Live SendPulse API';
		source.dataset.source = info.source;
		source.hidden = false;
		state.textContent = 'Live';
		state.dataset.state = 'live';
	});
	stream.addEventListener('webhook', (message) => addEvent(Number(message.lastEventId), JSON.parse(message.data)));
	stream.addEventListener('error', () => {
		// EventSource reconnects on its own, and the app replays what was missed.
		state.textContent = 'Reconnecting…';
		state.dataset.state = 'reconnecting';
	});
}

follow();
