// Training tests use every core and time budgets; running them one at a time keeps their timing honest.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
