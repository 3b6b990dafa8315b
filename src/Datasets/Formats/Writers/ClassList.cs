namespace Platform.Datasets.Formats.Writers;

/// <summary>
/// The dataset's classes in order, followed by any item or box label missing from them (in the order first seen), so
/// that no label is lost in formats that number their classes.
/// </summary>
internal sealed class ClassList
{
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
    private readonly List<string> names = [];

    public ClassList(ExportDataset dataset)
    {
        foreach (var name in dataset.Classes
            .Concat(dataset.Items.Select(i => i.Label).OfType<string>())
            .Concat(dataset.Items.SelectMany(i => i.Boxes).Select(b => b.Label)))
        {
            if (indexes.TryAdd(name, names.Count))
            {
                names.Add(name);
            }
        }
    }

    public IReadOnlyList<string> Names => names;

    /// <summary>The zero-based index of a label (COCO category ids are this plus one).</summary>
    public int IndexOf(string label) => indexes[label];
}
