import { type PluginCommand, serviceOf } from 'regis/plugin';

/** `regis ledger verify`: the invariants of SPEC §12 over the whole database; exit 1 on any breach. */
export const ledgerCommand: PluginCommand = {
  usage: 'verify  check every ledger invariant over the database (exits 1 on a breach)',
  async run(args, ctx) {
    if (args.length !== 1 || args[0] !== 'verify') {
      ctx.print('usage: regis ledger verify');
      return 1;
    }
    const report = await serviceOf(ctx, 'ledger').verify();
    for (const b of report.breaches) ctx.print(`BREACH ${b.check} ${b.subject}: ${b.message}`);
    const { accounts, transfers, entries } = report.counts;
    const checked = `${accounts} accounts, ${transfers} transfers, ${entries} entries`;
    ctx.print(
      report.ok ? `ledger ok: ${checked}` : `ledger BROKEN: ${report.breaches.length} breaches in ${checked}`,
    );
    return report.ok ? 0 : 1;
  },
};
