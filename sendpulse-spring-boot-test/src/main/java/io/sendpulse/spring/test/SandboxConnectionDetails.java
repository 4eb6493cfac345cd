package io.sendpulse.spring.test;

import java.net.URI;

import io.sendpulse.spring.autoconfigure.SendPulseConnectionDetails;

/**
 * {@link SendPulseConnectionDetails} pointing at a running {@link SendPulseSandbox}.
 */
final class SandboxConnectionDetails implements SendPulseConnectionDetails {

	private final SendPulseSandbox sandbox;

	SandboxConnectionDetails(SendPulseSandbox sandbox) {
		this.sandbox = sandbox;
	}

	@Override
	public String apiKey() {
		return this.sandbox.apiKey();
	}

	@Override
	public URI baseUrl() {
		return this.sandbox.baseUrl();
	}

	@Override
	public String toString() {
		return "SandboxConnectionDetails[sandbox=" + this.sandbox + "]";
	}

}
