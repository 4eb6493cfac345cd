package io.sendpulse.spring.autoconfigure.webhook;

import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.InMemoryDeliveryStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * For the {@code @WebMvcTest} and {@code @WebFluxTest} slices only (listed in their
 * imports files, not in the application's): with {@code sendpulse.store=redis}, the
 * webhook endpoint's delivery store comes from {@code SendPulseAutoConfiguration}, which
 * a slice leaves out. A test of the endpoint needs no Redis: it remembers deliveries in
 * memory. An application never gets this fallback.
 */
@AutoConfiguration(after = SendPulseWebhookAutoConfiguration.class)
@ConditionalOnBean(SendPulseWebhookEndpoints.class)
final class SliceDeliveryStoreAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SliceDeliveryStoreAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(DeliveryStore.class)
	InMemoryDeliveryStore sendPulseDeliveryStore() {
		logger.info("In this test slice, the SendPulse webhook endpoint remembers deliveries in memory "
				+ "(sendpulse.store=redis needs SendPulseAutoConfiguration, which the slice leaves out)");
		return new InMemoryDeliveryStore();
	}

}
