package io.sendpulse.benchmarks.startup.web;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Scans this package: added to the sources of the web application only.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class WebhookScan {

}
