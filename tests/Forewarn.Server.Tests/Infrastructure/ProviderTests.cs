namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>
/// Integration tests are written once against <see cref="ForewarnApp"/> and run on both providers by a
/// one-line subclass per provider.
/// </summary>
public abstract class ProviderTests(ForewarnApp app)
{
    protected ForewarnApp App { get; } = app;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
