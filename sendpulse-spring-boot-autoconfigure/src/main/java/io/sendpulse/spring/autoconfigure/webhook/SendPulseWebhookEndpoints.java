package io.sendpulse.spring.autoconfigure.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.StringUtils;

/**
 * The endpoints the application declared with {@link SendPulseWebhook}, read once at
 * startup from the bean definitions' metadata (no class is loaded and no bean created to
 * find them).
 *
 * @param paths each endpoint's path
 * @param declarers the class that declared each path
 * @param accounts the account of each path
 */
record SendPulseWebhookEndpoints(List<String> paths, Map<String, String> declarers, Map<String, String> accounts) {

	SendPulseWebhookEndpoints(List<String> paths, Map<String, String> declarers) {
		this(paths, declarers, defaultAccounts(paths));
	}

	private static Map<String, String> defaultAccounts(List<String> paths) {
		Map<String, String> accounts = new LinkedHashMap<>();
		paths.forEach((path) -> accounts.put(path, SendPulseEvent.DEFAULT_ACCOUNT));
		return accounts;
	}

	static SendPulseWebhookEndpoints find(ConfigurableListableBeanFactory beanFactory) {
		Map<String, String> declarers = new LinkedHashMap<>();
		Map<String, String> accounts = new LinkedHashMap<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			String declarer;
			MergedAnnotation<SendPulseWebhook> webhook;
			if (definition instanceof AnnotatedBeanDefinition annotated) {
				declarer = annotated.getMetadata().getClassName();
				webhook = annotated.getMetadata().getAnnotations().get(SendPulseWebhook.class);
			}
			else {
				// AOT-processed: the definitions carry the bean's class, not its
				// metadata.
				Class<?> beanClass = definition.getResolvableType().resolve();
				if (beanClass == null || !(definition instanceof RootBeanDefinition root)
						|| root.getFactoryMethodName() != null || definition.getFactoryBeanName() != null) {
					continue;
				}
				declarer = beanClass.getName();
				webhook = MergedAnnotations.from(beanClass).get(SendPulseWebhook.class);
			}
			if (!webhook.isPresent()) {
				continue;
			}
			String path = webhook.getString("value");
			if (!StringUtils.hasText(path) || !path.startsWith("/") || path.contains("*") || path.contains("{")) {
				throw new IllegalStateException("@SendPulseWebhook on " + declarer
						+ " needs a literal path starting with '/', such as \"/webhooks/sendpulse\", not \"" + path
						+ "\"");
			}
			String account = webhook.getString("account");
			if (!StringUtils.hasText(account)) {
				account = SendPulseEvent.DEFAULT_ACCOUNT;
			}
			accounts.put(path, account);
			String other = declarers.putIfAbsent(path, declarer);
			if (other != null && !other.equals(declarer)) {
				throw new IllegalStateException(
						"@SendPulseWebhook(\"" + path + "\") is declared twice, on " + other + " and on " + declarer);
			}
		}
		return new SendPulseWebhookEndpoints(List.copyOf(new ArrayList<>(declarers.keySet())), declarers, accounts);
	}

	/**
	 * Return the paths of one account's endpoints.
	 * @param account the account's name
	 * @return its paths, in declaration order
	 */
	List<String> pathsOf(String account) {
		return this.paths.stream().filter((path) -> account.equals(this.accounts.get(path))).toList();
	}

	/**
	 * Return the accounts that have an endpoint.
	 * @return their names, in declaration order
	 */
	Set<String> accountNames() {
		return new LinkedHashSet<>(this.accounts.values());
	}

	boolean isEmpty() {
		return this.paths.isEmpty();
	}

	boolean contains(String path) {
		return this.declarers.containsKey(path);
	}

}
