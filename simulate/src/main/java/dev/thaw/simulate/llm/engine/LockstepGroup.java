package dev.thaw.simulate.llm.engine;

/**
 * Engine instances whose MoE layers form one expert-parallel group across data-parallel replicas (vLLM's
 * {@code --enable-expert-parallel} with DP attention): every MoE layer's all-to-all needs every rank, so the
 * members step in lockstep. A group step starts when any member has work: each member schedules its own batch,
 * members with nothing to do run a dummy step of one token (as vLLM's idle DP ranks do), the MoE layers of every
 * member see the tokens of the whole group, and the step ends for all members when the slowest one ends.
 */
final class LockstepGroup {
    private final EngineInstance[] members;
    private final boolean[] active;
    private long steps, dummySteps;

    LockstepGroup(EngineInstance[] members) {
        this.members = members;
        this.active = new boolean[members.length];
        for (EngineInstance e : members) e.group = this;
    }

    void fire(double now) {
        for (EngineInstance e : members) if (e.inFlight) e.completeStep(now);
        int tokens = 0;
        boolean any = false;
        for (int i = 0; i < members.length; i++) {
            active[i] = members[i].schedule(now);
            any |= active[i];
            tokens += active[i] ? members[i].shapeTokens() : 1; // an idle rank's dummy batch
        }
        if (!any) {
            for (EngineInstance e : members) e.idle();
            return;
        }
        double end = now;
        for (int i = 0; i < members.length; i++) if (active[i]) end = Math.max(end, members[i].costStep(now, tokens));
        steps++;
        for (int i = 0; i < members.length; i++) {
            if (active[i]) members[i].launch(end);
            else { members[i].launchDummy(end); dummySteps++; }
        }
    }

    long steps() { return steps; }
    long dummySteps() { return dummySteps; }
}
