using System.Linq.Expressions;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Forewarn.Server.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TerritoryScope scope, Features.Audit.AuditChain? audit = null,
    Features.Audit.AuditTrail? trail = null)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    /// <summary>Read by the global query filter on every <see cref="IScoped"/> entity; EF parameterises it per context.</summary>
    public string ScopePath => scope.Path;

    public DbSet<Features.Territory.Unit> Units => Set<Features.Territory.Unit>();
    public DbSet<Features.Territory.PhoneSegmentRow> PhoneSegments => Set<Features.Territory.PhoneSegmentRow>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<Features.Demo.Resident> Residents => Set<Features.Demo.Resident>();
    public DbSet<Features.Indicators.Indicator> Indicators => Set<Features.Indicators.Indicator>();
    public DbSet<Features.Quarantine.QuarantinedItem> Quarantine => Set<Features.Quarantine.QuarantinedItem>();
    public DbSet<Features.Signals.Signal> Signals => Set<Features.Signals.Signal>();
    public DbSet<Features.Warnings.Warning> Warnings => Set<Features.Warnings.Warning>();
    public DbSet<Features.Warnings.WarningEvent> WarningEvents => Set<Features.Warnings.WarningEvent>();
    public DbSet<Features.Rules.RuleSetRow> RuleSets => Set<Features.Rules.RuleSetRow>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Cases.Case> Cases => Set<Features.Cases.Case>();
    public DbSet<Features.Cases.CaseIndicator> CaseIndicators => Set<Features.Cases.CaseIndicator>();
    public DbSet<Features.Cases.CaseVictim> CaseVictims => Set<Features.Cases.CaseVictim>();
    public DbSet<Features.Dissuasion.SlaAlert> SlaAlerts => Set<Features.Dissuasion.SlaAlert>();
    public DbSet<Features.Audit.AuditRecord> AuditRecords => Set<Features.Audit.AuditRecord>();
    public DbSet<Features.Audit.AuditHead> AuditHeads => Set<Features.Audit.AuditHead>();
    public DbSet<Features.Public.PublicReport> PublicReports => Set<Features.Public.PublicReport>();
    public DbSet<Features.Dissuasion.PolicyRow> Policies => Set<Features.Dissuasion.PolicyRow>();

    /// <summary>
    /// Audit records added to this context, and those waiting in the scope's <see cref="Features.Audit.AuditTrail"/>, are
    /// numbered and sealed into the chain in the same transaction as everything else.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (trail?.TakePending() is { Count: > 0 } waiting)
        {
            AuditRecords.AddRange(waiting);
        }
        // Audit records are always added explicitly, so finding them needs no scan for changes (SaveChanges does that once).
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        var added = ChangeTracker.Entries<Features.Audit.AuditRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        ChangeTracker.AutoDetectChangesEnabled = detect;
        if (added.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (audit is null)
        {
            throw new InvalidOperationException("Audit records need the audit chain.");
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            using (await audit.SealAsync(this, added, cancellationToken))
            {
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }
                return written;
            }
        }
        catch
        {
            foreach (var record in added)
            {
                record.Seq = Features.Audit.AuditRecord.Unsealed();
            }
            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<Features.Audit.AuditRecord>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("Save audit records with SaveChangesAsync.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Personal fields of Forewarn's own entities are sealed at rest (Identity's own [PersonalData] keys are not ours to touch).
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => p.PropertyInfo?.DeclaringType?.Namespace?.StartsWith("Forewarn.Server", StringComparison.Ordinal) == true
                && p.PropertyInfo.IsDefined(typeof(PersonalDataAttribute), inherit: true)))
        {
            property.SetValueConverter(property.ClrType == typeof(byte[]) ? PersonalData.Bytes : PersonalData.Text);
            property.SetMaxLength(null);
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IScoped).IsAssignableFrom(e.ClrType)))
        {
            // e => ScopePath == "" || e.UnitPath.StartsWith(ScopePath)
            var e = Expression.Parameter(entity.ClrType, "e");
            var path = Expression.Property(Expression.Constant(this), nameof(ScopePath));
            var body = Expression.OrElse(
                Expression.Equal(path, Expression.Constant(TerritoryScope.Everything)),
                Expression.Call(
                    Expression.Property(e, nameof(IScoped.UnitPath)),
                    typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!,
                    path));
            builder.Entity(entity.ClrType).HasQueryFilter(Expression.Lambda(body, e));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Instants are stored as UTC DateTime on both providers (SQLite cannot compare DateTimeOffset in SQL).
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
