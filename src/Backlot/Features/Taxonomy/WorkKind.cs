namespace Backlot.Features.Taxonomy;

public enum WorkKind
{
    Film = 0,
    Series = 1,
    Episode = 2,
}
