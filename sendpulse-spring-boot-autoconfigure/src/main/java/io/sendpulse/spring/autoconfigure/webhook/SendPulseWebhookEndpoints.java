package io.sendpulse.spring.autoconfigure.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sendpulse.spring.webhook.SendPulseWebhook;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.util.StringUtils;

/**
 * The endpoints the application declared with {@link SendPulseWebhook}, read once at
 * startup from the bean definitions' metadata (no class is loaded and no bean created to
 * find them).
 *
 * @param paths each endpoint's path
 * @param declarers the class that declared each path
 */
record SendPulseWebhookEndpoints(List<String> paths, Map<String, String> declarers) {

	static SendPulseWebhookEndpoints find(ConfigurableListableBeanFactory beanFactory) {
		Map<String, String> declarers = new LinkedHashMap<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (!(definition instanceof AnnotatedBeanDefinition annotated)) {
				continue;
			}
			MergedAnnotation<SendPulseWebhook> webhook = annotated.getMetadata()
				.getAnnotations()
				.get(SendPulseWebhook.class);
			if (!webhook.isPresent()) {
				continue;
			}
			String declarer = annotated.getMetadata().getClassName();
			String path = webhook.getString("value");
			if (!StringUtils.hasText(path) || !path.startsWith("/") || path.contains("*") || path.contains("{")) {
				throw new IllegalStateException("@SendPulseWebhook on " + declarer
						+ " needs a literal path starting with '/', such as \"/webhooks/sendpulse\", not \"" + path
						+ "\"");
			}
			String other = declarers.putIfAbsent(path, declarer);
			if (other != null && !other.equals(declarer)) {
				throw new IllegalStateException(
						"@SendPulseWebhook(\"" + path + "\") is declared twice, on " + other + " and on " + declarer);
			}
		}
		return new SendPulseWebhookEndpoints(List.copyOf(new ArrayList<>(declarers.keySet())), declarers);
	}

	boolean isEmpty() {
		return this.paths.isEmpty();
	}

	boolean contains(String path) {
		return this.declarers.containsKey(path);
	}

}
