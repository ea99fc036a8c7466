using System.Globalization;
using Forewarn.Engine.Territory;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Territory;

/// <summary>
/// <c>forewarn import segments FILE.csv</c>: the seven-digit mobile segment table
/// (<c>prefix7,province,city,zip_code,area_code,card_type,carrier</c>). Replaces the table whole.
/// </summary>
public static class ImportSegments
{
    public sealed record Result(int Imported, int Rejected);

    public static async Task<Result> RunAsync(AppDbContext db, TextReader csv, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var table = PhoneSegmentTable.Load(csv);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PhoneSegments.ExecuteDeleteAsync(ct);
        var batch = new List<PhoneSegmentRow>(5_000);
        var done = 0;
        var unfit = 0;
        foreach (var segment in table.All)
        {
            if (!PhoneSegmentRow.Fits(segment))
            {
                unfit++; // no real segment table has such a row: rejected, never truncated or cleaned
                continue;
            }
            batch.Add(new PhoneSegmentRow
            {
                Prefix = int.Parse(segment.Prefix7, CultureInfo.InvariantCulture),
                Province = segment.Province,
                City = segment.City,
                AreaCode = segment.AreaCode,
                Carrier = segment.Carrier,
            });
            if (batch.Count == batch.Capacity)
            {
                done += await FlushAsync();
                progress?.Report(done);
            }
        }
        done += await FlushAsync();
        progress?.Report(done);
        await transaction.CommitAsync(ct);
        return new Result(done, table.Rejected + unfit);

        async Task<int> FlushAsync()
        {
            db.PhoneSegments.AddRange(batch);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            var n = batch.Count;
            batch.Clear();
            return n;
        }
    }
}
