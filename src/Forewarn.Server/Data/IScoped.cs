namespace Forewarn.Server.Data;

/// <summary>
/// A record that belongs to a unit of the territory. <see cref="UnitPath"/> is the chain of unit codes
/// from the city down, each followed by '/', e.g. <c>500000/500112/500112011/</c>; a caller sees a record
/// when the record's path starts with the caller's own unit path (see <see cref="AppDbContext"/>).
/// </summary>
public interface IScoped
{
    string UnitPath { get; }
}
