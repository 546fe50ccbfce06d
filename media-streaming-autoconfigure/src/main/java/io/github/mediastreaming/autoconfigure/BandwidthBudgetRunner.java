package io.github.mediastreaming.autoconfigure;

import io.github.mediastreaming.pacing.BandwidthBudget;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Starts the bandwidth budget the media responses share and stops it when the context closes, whoever
 * declared it: a user's budget is an ordinary bean, without the init method that splits it, and an
 * unstarted budget grants nothing (every response would wait after its headers). Stopped as a destroy
 * step, after the web server's graceful shutdown, so responses still in flight get their bytes.
 */
final class BandwidthBudgetRunner implements InitializingBean, DisposableBean {

	private final BandwidthBudget budget;

	BandwidthBudgetRunner(BandwidthBudget budget) {
		this.budget = budget;
	}

	@Override
	public void afterPropertiesSet() {
		this.budget.start();
	}

	@Override
	public void destroy() {
		this.budget.stop();
	}

}
