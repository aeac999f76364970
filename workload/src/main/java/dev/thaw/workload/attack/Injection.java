package dev.thaw.workload.attack;

/**
 * One planned attack and, once injected, its ground truth: it starts with the first request it changes at or after
 * {@code armMinute} (the first invocation for cryptojacking, the first leaking or failing request for exfiltration
 * and crash, {@code armMinute} itself for the flood) and lasts {@code durationMin} minutes. {@code startMinute} is
 * -1 while it has not started (no invocation after the arming time: nothing to observe).
 */
public final class Injection {
    public static final String CSV_HEADER = "function,scenario,intensity,documented,duration_min,arm_minute,start_minute,end_minute,start_s,end_s";
    public final String function;
    public final AttackScenario scenario;
    public final double intensity;
    public final int durationMin;
    public final long armMinute;
    final AttackScenario.Target target;
    long startMinute = -1;
    final double[] state = new double[1];

    Injection(String function, AttackScenario scenario, double intensity, int durationMin, long armMinute, AttackScenario.Target target) {
        this.function = function;
        this.scenario = scenario;
        this.intensity = intensity;
        this.durationMin = durationMin;
        this.armMinute = armMinute;
        this.target = target;
    }

    public boolean started() { return startMinute >= 0; }

    public long startMinute() { return startMinute; }

    /** Last minute of the attack (inclusive). */
    public long endMinute() { return startMinute + durationMin - 1; }

    public boolean documentedIntensity() { return intensity == scenario.documented; }

    /** At the scenario's documented intensity and duration: the attacks the acceptance figures count. */
    public boolean documented() { return documentedIntensity() && durationMin == scenario.documentedDurationMin; }

    public String csvRow() {
        return String.join(",", function, scenario.id, Double.toString(intensity), Boolean.toString(documented()), Integer.toString(durationMin),
                Long.toString(armMinute), Long.toString(startMinute), started() ? Long.toString(endMinute()) : "-1",
                started() ? Long.toString(startMinute * 60) : "", started() ? Long.toString(endMinute() * 60 + 60) : "");
    }
}
