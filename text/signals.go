package text

func readSignals(d *Doc) Signals { return Signals{} }
