/**
 * Auto-configuration of the starter's Spring Boot Actuator integration.
 */
@NullMarked
package io.sendpulse.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
