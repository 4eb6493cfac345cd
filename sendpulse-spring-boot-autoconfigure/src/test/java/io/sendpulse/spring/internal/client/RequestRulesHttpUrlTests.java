package io.sendpulse.spring.internal.client;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestRulesHttpUrlTests {

	@Test
	void acceptsAnAbsoluteHttpOrHttpsUrl() {
		URI url = URI.create("https://example.com/hooks?token=tok_secret");
		assertThat(RequestRules.httpUrl("callback_url", url)).isSameAs(url);
		assertThat(RequestRules.httpUrl("callback_url", URI.create("http://example.com"))).isNotNull();
	}

	@Test
	void namesTheFieldAndTheRuleWithoutEchoingARejectedUrlsTokens() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestRules.httpUrl("callback_url",
					URI.create("ftp://user:pw_secret@example.com/tok_path?token=tok_secret")))
			.withMessage("callback_url must be an absolute http or https URL, but was a URL with scheme 'ftp'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestRules.httpUrl("callback_url", URI.create("/hooks/tok_path?token=tok_secret")))
			.withMessage("callback_url must be an absolute http or https URL, but was a relative URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequestRules.httpUrl("callback_url", URI.create("https:tok_opaque?token=tok_secret")))
			.withMessage("callback_url must be an absolute http or https URL, but was a URL without host");
	}

}
