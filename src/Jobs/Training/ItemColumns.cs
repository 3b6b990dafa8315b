using Platform.Ml;

namespace Platform.Jobs.Training;

/// <summary>
/// A version's labeled items held as columns (id, label number, split, and a number the opener turns into content)
/// instead of one object per item: about 25 bytes an item before its content key, so a million-item version costs
/// tens of megabytes, not hundreds. Each <see cref="MlItem"/> is made when the core asks for it.
/// </summary>
internal sealed class ItemColumns(Func<int, Func<Stream>> opener) : IReadOnlyList<MlItem>
{
    private readonly List<Guid> ids = [];
    private readonly List<int> labels = [];
    private readonly List<MlSplit> splits = [];
    private readonly List<string> labelNames = [];
    private readonly Dictionary<string, int> labelNumbers = new(StringComparer.Ordinal);

    public int Count => ids.Count;

    public MlItem this[int index] => new(ids[index].ToString(), opener(index), labelNames[labels[index]], splits[index]);

    /// <summary>Adds an item; its content is what <c>opener(index)</c> opens, index being <see cref="Count"/> before the call.</summary>
    public void Add(Guid id, string label, MlSplit split)
    {
        if (!labelNumbers.TryGetValue(label, out var number))
        {
            number = labelNames.Count;
            labelNames.Add(label);
            labelNumbers.Add(label, number);
        }
        ids.Add(id);
        labels.Add(number);
        splits.Add(split);
    }

    public IEnumerator<MlItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
