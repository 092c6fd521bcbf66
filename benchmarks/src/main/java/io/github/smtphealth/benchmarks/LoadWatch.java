package io.github.smtphealth.benchmarks;

/**
 * Notes the machine's load between the steps of a run, and remembers the highest one-minute load it
 * saw, so that the report can say when the machine was not quiet.
 *
 * @since 0.1.0
 */
public final class LoadWatch {

	private double highest = Double.NaN;

	/**
	 * Note the load before or after a step, in the log and for the report.
	 * @param step what is about to run or has run
	 * @return such as {@code load 0.52 0.80 1.10}
	 */
	public synchronized String note(String step) {
		String load = Machine.loadAverage();
		double oneMinute = Machine.oneMinuteLoad();
		if (Double.isNaN(this.highest) || oneMinute > this.highest) {
			this.highest = oneMinute;
		}
		System.out.println("==> " + step + " (load " + load + ")");
		return "load " + load;
	}

	/**
	 * Return the highest one-minute load noted.
	 * @return the load, or {@code NaN} if none was noted
	 */
	public synchronized double highest() {
		return this.highest;
	}

}
