package io.sendpulse.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code --demo} run ({@code sample.demo.*}).
 *
 * @param to the number the demo texts, verifies and calls
 * @param timeout the longest wait for each webhook
 */
@ConfigurationProperties("sample.demo")
record DemoProperties(@DefaultValue("+14155550123") String to, @DefaultValue("30s") Duration timeout) {

}
