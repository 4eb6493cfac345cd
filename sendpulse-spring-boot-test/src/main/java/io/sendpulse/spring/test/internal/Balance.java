package io.sendpulse.spring.test.internal;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One account's balance: each SMS segment, call and verification is charged before it is
 * accepted, and a charge the balance cannot pay is answered 402. One CAS per charge, so
 * that concurrent sends never spend the same money twice.
 */
final class Balance {

	private final BigDecimal initial;

	private final AtomicReference<BigDecimal> current;

	Balance(BigDecimal initial) {
		this.initial = initial;
		this.current = new AtomicReference<>(initial);
	}

	void charge(BigDecimal amount) {
		while (true) {
			BigDecimal current = this.current.get();
			if (current.compareTo(amount) < 0) {
				throw new ApiProblem(402, ApiProblem.INSUFFICIENT_BALANCE,
						"Insufficient balance: " + current + " left, " + amount + " needed", null);
			}
			if (this.current.compareAndSet(current, current.subtract(amount))) {
				return;
			}
		}
	}

	BigDecimal get() {
		return this.current.get();
	}

	void set(BigDecimal balance) {
		this.current.set(balance);
	}

	void restore() {
		this.current.set(this.initial);
	}

}
