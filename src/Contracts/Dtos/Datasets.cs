namespace Platform.Contracts;

/// <summary>What a dataset's items are: decides the formats it imports from and exports to.</summary>
public enum DatasetKind { ImageClassification, ObjectDetection, TextClassification, Table }

/// <summary>File formats a dataset is imported from or exported to. Auto (import only) detects the format.</summary>
public enum DatasetFormat { Auto, ImageFolders, Coco, Yolo, PascalVoc, CsvTable, CsvText, JsonlText }

public enum DatasetSplit { None, Train, Validation, Test }

/// <summary>The type of a table column: inferred at import, changeable by the user.</summary>
public enum ColumnType { Number, Category, Text }

/// <summary>What an import does with items it cannot read: leave them out (and report them) or refuse the whole import.</summary>
public enum ImportErrorPolicy { SkipBadItems, RefuseImport }
