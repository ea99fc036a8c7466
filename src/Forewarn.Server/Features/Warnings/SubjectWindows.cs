using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// What correlation reads about a subject — its open warnings, whether it was defrauded before, its signals that can
/// still take part — kept by the intake's writer between groups, so a busy subject is not read again for every signal.
/// Only on SQLite, where the writer has a connection of its own: <see cref="CheckAsync"/> asks that connection for
/// <c>PRAGMA data_version</c>, which changes when any other connection has committed (a user closing a warning, the SLA
/// monitor, a command-line import), and then everything is forgotten; so it is after a group that failed. One writer at
/// a time uses it, so it takes no lock.
/// </summary>
public sealed class SubjectWindows
{
    private const int MaxSubjects = 100_000;
    private const int MaxSignals = 1_000_000;

    /// <summary>One subject's state: every signal not in a warning that occurred from <see cref="Since"/> on, and every open warning's.</summary>
    public sealed class Window(DateTime since, bool victim)
    {
        public DateTime Since => since;

        public bool Victim => victim;

        public List<Warning> Open { get; } = [];

        public List<Signal> Signals { get; } = [];
    }

    private readonly Dictionary<string, Window> _windows = [];
    private int _signals;
    private long? _dataVersion;

    /// <summary>Forgets everything when another connection has committed since the last check.</summary>
    public async Task CheckAsync(AppDbContext db, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA data_version";
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (version != _dataVersion)
        {
            Forget();
            _dataVersion = version;
        }
    }

    /// <summary>Makes room for <paramref name="subjects"/> more before a group reads (forgetting all when full).</summary>
    public void MakeRoom(int subjects)
    {
        if (_windows.Count + subjects > MaxSubjects || _signals > MaxSignals)
        {
            Forget();
        }
    }

    /// <summary>Whether the subject's window is kept and holds every signal from <paramref name="since"/> on.</summary>
    public bool Holds(string subjectKey, DateTime since) => _windows.TryGetValue(subjectKey, out var window) && window.Since <= since;

    public Window this[string subjectKey] => _windows[subjectKey];

    public void Add(string subjectKey, Window window) => _windows[subjectKey] = window;

    public void Add(Signal signal)
    {
        _windows[signal.SubjectKey].Signals.Add(signal);
        _signals++;
    }

    public void Forget()
    {
        _windows.Clear();
        _signals = 0;
    }
}
