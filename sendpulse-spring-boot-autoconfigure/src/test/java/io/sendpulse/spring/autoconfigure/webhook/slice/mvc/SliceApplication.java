package io.sendpulse.spring.autoconfigure.webhook.slice.mvc;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as users write it, for the {@code @WebMvcTest} slice.
 */
@SpringBootApplication
class SliceApplication {

}
