using Forewarn.Engine.Indicators;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// A two-card measure in force makes its number or account a confirmed indicator (source <see cref="Source"/>, expiring with the measure),
/// so intake matches it at once (the blacklist hot-swaps after <see cref="BlacklistHolder.MarkDirty"/>). When the measure ends the
/// indicator is withdrawn — unless another measure on the same card is still in force, or someone has since re-confirmed it from another
/// source (then it is theirs to keep):
/// on expiry or an early restore it expires now; on a granted appeal (the holder was listed wrongly) it becomes whitelisted, so it no
/// longer matches.
/// </summary>
public static class TwoCardIndicators
{
    public const string Source = "two_cards";

    public static IndicatorType TypeOf(string kind) => kind == CardKind.Sim ? IndicatorType.Phone : IndicatorType.Account;

    public static async Task ConfirmAsync(AppDbContext db, TwoCardMeasure measure, DateTime now, CancellationToken ct)
    {
        await SaveIndicator.UpsertAsync(db,
            new SaveIndicator.Parsed(TypeOf(measure.Kind), measure.Number, IndicatorStatus.Confirmed, Source, 0.95, measure.ExpiresAt), now, ct);
    }

    /// <returns>Whether the indicator changed (the blacklist must then be rebuilt).</returns>
    public static async Task<bool> WithdrawAsync(AppDbContext db, TwoCardMeasure measure, bool whitelist, DateTime now, CancellationToken ct)
    {
        var stillHeld = await db.Set<TwoCardMeasure>().IgnoreQueryFilters()
            .AnyAsync(m => m.Id != measure.Id && m.Kind == measure.Kind && m.NumberKey == measure.NumberKey && m.Status == MeasureStatus.Active, ct);
        var type = TypeOf(measure.Kind);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Type == type && i.Value == measure.Number, ct);
        if (stillHeld || indicator is null || indicator.Source != Source)
        {
            return false;
        }
        if (whitelist)
        {
            indicator.Status = IndicatorStatus.Whitelisted;
            indicator.ExpiresAt = null;
        }
        else
        {
            indicator.ExpiresAt = now;
        }
        indicator.UpdatedAt = now;
        return true;
    }
}
