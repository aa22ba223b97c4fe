// Preloaded with `node --import` into a child Quorum process: its clock reads QUORUM_TEST_CLOCK at
// start (then runs on in real time), so nudge hours hold whatever the day the suite runs.
const target = process.env.QUORUM_TEST_CLOCK ? Date.parse(process.env.QUORUM_TEST_CLOCK) : NaN;
if (!Number.isNaN(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
