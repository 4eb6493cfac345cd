package io.sendpulse.spring.verify;

/**
 * The answer to a code check.
 *
 * @param valid whether the code was right
 * @param requestId the verification's id
 */
public record VerificationCheck(boolean valid, String requestId) {

}
