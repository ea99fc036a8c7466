using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// Seals audit records into the chain as they are saved (see <see cref="AppDbContext"/>), and verifies the chain.
/// Sealing is serialised: one process-wide gate, plus a PostgreSQL advisory lock for several processes.
/// </summary>
public sealed class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly byte[] _key;

    public AuditChain(IOptions<SecurityOptions> options)
    {
        var o = options.Value;
        _key = !string.IsNullOrWhiteSpace(o.AuditKey) ? Convert.FromBase64String(o.AuditKey) : KeyFile.LoadOrCreate(o.AuditKeyFile);
    }

    public string Mac(AuditRecord r) => Hex(Canonical(r));

    public string HeadMac(long seq, string hash) => Hex($"head|{seq}|{hash}");

    private string Hex(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    private static string Canonical(AuditRecord r) => string.Join('\u001f',
        r.Seq.ToString(CultureInfo.InvariantCulture), r.At.ToString("O", CultureInfo.InvariantCulture), r.User, r.Role, r.Unit, r.Event,
        r.Target ?? "", r.Result, r.Client ?? "", r.CorrelationId ?? "", r.PrevHash);

    /// <summary>Numbers and seals the added records, inside the caller's transaction, right before they are written.</summary>
    public async Task<IDisposable> SealAsync(AppDbContext db, IReadOnlyList<AuditRecord> added, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7411)", ct);
            }
            var head = await db.AuditHeads.FirstOrDefaultAsync(h => h.Id == 1, ct);
            var (seq, hash) = head is null ? (0L, Genesis) : (head.Seq, head.Hash);
            foreach (var record in added.OrderBy(r => r.At))
            {
                record.Seq = ++seq;
                record.PrevHash = hash;
                // PostgreSQL keeps microseconds: seal exactly what will be read back.
                record.At = new DateTime(record.At.Ticks - record.At.Ticks % 10, DateTimeKind.Utc);
                record.Hash = hash = Mac(record);
            }
            if (head is null)
            {
                db.AuditHeads.Add(new AuditHead { Id = 1, Seq = seq, Hash = hash, Mac = HeadMac(seq, hash) });
            }
            else
            {
                head.Seq = seq;
                head.Hash = hash;
                head.Mac = HeadMac(seq, hash);
            }
            return new Release();
        }
        catch
        {
            Gate.Release();
            throw;
        }
    }

    private sealed class Release : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Gate.Release();
            }
        }
    }

    /// <returns>Null when the chain is intact, otherwise what is wrong and the first bad record.</returns>
    public async Task<string?> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        // The head is read first: records sealed while we read are checked against a later head instead.
        var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == 1, ct);
        if (head is not null && head.Mac != HeadMac(head.Seq, head.Hash))
        {
            return "the chain head was altered";
        }
        var upTo = head?.Seq ?? 0;
        var expected = 1L;
        var previous = Genesis;
        await foreach (var r in db.AuditRecords.AsNoTracking().Where(r => r.Seq <= upTo).OrderBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (r.Seq != expected)
            {
                return $"record {expected} is missing (next present is {r.Seq})";
            }
            if (r.PrevHash != previous)
            {
                return $"record {r.Seq} does not follow record {r.Seq - 1} (previous hash differs)";
            }
            if (Mac(r) != r.Hash)
            {
                return $"record {r.Seq} was altered (its hash does not match its contents)";
            }
            previous = r.Hash;
            expected++;
        }
        var last = expected - 1;
        if (head is not null && (head.Seq != last || head.Hash != previous))
        {
            return head.Seq > last ? $"records {last + 1}–{head.Seq} were cut off the end" : $"record {head.Seq} does not match the chain head";
        }
        var newest = await db.AuditRecords.MaxAsync(r => (long?)r.Seq, ct) ?? 0;
        var now = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => (long?)h.Seq).FirstOrDefaultAsync(ct) ?? 0;
        return newest > now ? $"record {now + 1} is beyond the chain head (inserted)" : null;
    }
}
