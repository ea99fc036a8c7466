using NetTopologySuite.Geometries;

namespace Forewarn.Engine.Territory;

/// <summary>One district or county read from a boundary file: code, name, centre and centroid (lon/lat), polygonal boundary.</summary>
public sealed record DistrictFeature(string Code, string Name, double CenterLon, double CenterLat, double CentroidLon, double CentroidLat, Geometry Boundary);
