package io.sendpulse.spring.autoconfigure.webhook.slice.flux;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as users write it, for the {@code @WebMvcTest} slice.
 */
@SpringBootApplication
class SliceApplication {

}
