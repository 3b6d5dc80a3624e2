package hashtag

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

// openInvites are the invitation words that ask the public to speak about
// the brand itself (#McDStories, #WaitroseReasons, #MyNYPD): the answers
// are the campaign, so critics write it too, whatever the brand's record.
// Other invitations (#AskBG, #MeetTheCEO, a Q&A) are risky only for a
// brand with trouble or a record of it.
var openInvites = []string{"stories", "story", "reasons", "memories", "moments", "experience", "experiences",
	"confessions", "because", "why", "my", "dear", "hey", "ilove", "welove", "whyilove", "whyi", "describe",
	"rate", "reviews", "min", "mitt", "mine", "minner", "historier", "hvorfor"}

// chronicStories is how many negative stories in the past year make a
// brand chronically criticised: its call-for-replies tags are high risk
// even in a quiet week (one story is enough for a review).
const chronicStories = 6

func (p *pack) hijackRisk() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.hijack_risk",
		Needs:    checker.NeedsBrand,
		Category: checker.CategoryHashtag,
		Title:    "Brand invitation invites a hijack",
		Doc: "A brand tag that asks the public to speak (#AskJPM, #McDStories, #WaitroseReasons, #AskBG for British " +
			"Gas) belongs to whoever uses it: critics, pranksters and people with a grievance arrive first, and the " +
			"campaign becomes a collection of complaints. The tag is read on its own: the brand through any of its " +
			"names (initials, run-together, aliases, handles, the start of its name before an invitation word) with " +
			"Ask, Q&A, Stories, My…, Share, Tell, Why, Reasons, Meet, or a sentence for the public to finish; in the post's " +
			"own language too (#MeinVWMoment, #PregúntaleA…, #…에게물어봐, #…の思い出, #اسأل_…: the rest of the tag around the " +
			"name, or the capitals of a compound name such as VW, read as invitation words; graded by the brand's standing " +
			"alone); a tag the post asks people to use about the brand's own trade while asking for stories (#YourTaxis " +
			"from a taxi association) asks for stories about the brand; a tag " +
			"the post asks people to use (\"reply with #MakeItHappy\") is the campaign's whatever its words; a call for " +
			"questions under a tag without the brand's name (#AskTheBoss, #社長に質問) is high while the brand is in negative " +
			"news. When the " +
			"brand is in negative news the post is blocked; a brand with negative stories in the past year (its " +
			"reputation memory, as of the scheduled time), a tag asking for stories about the brand itself, or a " +
			"campaign that asks for the public's selfies or words and promises to publish or transform them (Coca-" +
			"Cola's #MakeItHappy bot, Walkers' #WalkersWave selfies) is reviewed; a Q&A from a brand with a quiet " +
			"record gets advice. An open question about personal experience (\"How has serving impacted you?\") is " +
			"reviewed from an institution whose service hurts some of the people it asks (an army, a police force), " +
			"and is advice from other brands. The post's words are read too: a call into a conversation on a charged " +
			"social topic (\"let's talk about race\", #StartTheConversation about immigration, \"tell us what equality " +
			"means to you\") from a brand with no standing on it (not a charity or rights group whose cause it is, " +
			"not a newsroom) is reviewed; a public vote or naming contest (\"name our new flavour\") is advice, " +
			"reviewed when the brand promises to use what wins or to repost the entries, high while the brand is " +
			"in negative news; a sentence about the brand for the public to finish (\"Finish this sentence: I love " +
			"… because\", \"tell us in three words\") is reviewed once the brand has criticism in the news, and an open " +
			"Q&A offered in the words without a tag (\"our CEO is taking your questions\") is graded a step below an Ask " +
			"tag and passes from a quiet brand. An Ask tag or a Q&A about a topic that is a grievance in the audience's " +
			"news this week (a price rise, a strike, a recall: a headline sharing two of the post's topic words, or the " +
			"trade word of the brand's own name, \"energy\" for an energy supplier the day bills jump) is reviewed, " +
			"whoever the brand. A cheerful " +
			"post (a sponsor's cheer, a promotion) naming an event in a tag or its words (a games, a cup; a year in the tag) " +
			"that the news of the past quarter says is contested (a boycott, the host's rights record) is reviewed.",
		Fix: "Think how critics and pranksters would use the invitation before launching it; run it only when the " +
			"brand has no open controversy, with moderation ready and nothing published unseen (a shortlist the " +
			"brand approved, not a free vote), or ask in a way that does not invite replies.",
		Since: "2026.11.0",
		Run:   p.runHijackRisk,
	}
}

// invitation is what a tag or a question asks of the public, for the
// finding's grade and wording.
type invitation struct {
	open     bool   // stories, reasons, memories about the brand itself
	machine  bool   // the public's content, published or transformed by the brand
	question bool   // an open question about personal experience
	harmful  bool   // from an institution whose service hurts some of those asked
	charged  bool   // a conversation on a charged social topic the brand has no standing on
	record   string // where the brand's own record is on that topic ("" when it is not)
	topic    string // the charged topic named ("race", "trans rights")
	contest  bool   // a public vote or naming contest
	adopt    bool   // the brand promises to use or publish what the public sends or chooses
	blank    bool   // a sentence about the brand for the public to finish
	qa       bool   // an open Q&A offered in the words, not under a tag
	// grievance is set when what the post asks about is a public
	// grievance in the audience's news (a price rise, a strike) though
	// the brand itself is not named in it.
	grievance string
	evidence  []checker.Evidence
	// trouble is the brand's own trouble the post itself names beside
	// an Ask tag or a Q&A ("questions about the battery recall?").
	trouble string
}

// textInvitation is what the post's own words invite, whatever its tags.
func (p *pack) textInvitation(b *checker.Brand, r *invitationRead) invitation {
	return invitation{
		charged: len(r.charged) > 0 && !p.invitations.advocate(b, r.topics),
		contest: len(r.contests) > 0,
		adopt:   len(r.adoptions) > 0,
		blank:   len(r.blanks) > 0,
	}
}

// runHijackRisk reports each of the brand's tags (by its names, or the
// tag the post asks people to use) that invites the public; failing
// those, a cheerful tag for a contested event; failing that, the
// strongest invitation of the post's words (reportWords). Each is graded
// by what is asked and the brand's standing in the news.
// maxUnnamedAsks caps the tags without the brand's name read as calls for
// questions in one post.
const maxUnnamedAsks = 8

func (p *pack) runHijackRisk(pass *checker.Pass) error {
	b := pass.Brand()
	if b == nil {
		return nil
	}
	inv := p.invitations.read(pass.Doc)
	w, err := p.readWords(pass, b, inv)
	if err != nil {
		return err
	}
	engaged := cue(pass, text.SignalEngagement)
	grievance := p.postGrievance(pass, b)
	// The brand's standing is the same for every tag: read once, when a
	// tag first needs it.
	var standing *brand.Standing
	haveStanding := false
	reported := false
	var keys *brandKeys       // the brand's names for langInvite, built when a tag first needs them
	var unnamed []text.Entity // calls for questions under tags without the brand's name
	langInvite := func(body string) (tagInvite, bool) {
		if keys == nil {
			keys = p.brandKeys(b, pass.Doc)
		}
		return p.langInvite(body, keys)
	}
	for _, h := range tags(pass) {
		own := slices.ContainsFunc(b.Hashtags, func(t string) bool { return fold(t) == fold(h.Text) })
		campaign := inv.campaign[fold(h.Text)]
		li, langOK := tagInvite{}, false
		if !own && !campaign && !brand.MayCarry(h.Text, b) && !mayAbbreviate(fold(h.Text), b) {
			if li, langOK = langInvite(h.Text); !langOK {
				if keys == nil {
					keys = p.brandKeys(b, pass.Doc)
				}
				if len(unnamed) < maxUnnamedAsks && p.asksQuestions(h.Text, keys.langs) {
					unnamed = append(unnamed, h)
				}
				continue
			}
		}
		tr := p.brands.ReadTag(h.Text, b)
		if tr.Invite == "" && !langOK {
			li, langOK = langInvite(h.Text)
		}
		if langOK && (tr.Invite == "" || tr.Brand == nil) {
			tr.Invite = li.word // #MeinVWMoment, #쿠팡에게물어봐: the brand with an invitation in the post's language
		}
		named := tr.Brand != nil || own || langOK || tr.Invite != "" && p.abbreviates(p.brands.TagCore(h.Text), b)
		// A campaign tag about the brand's own trade, with the post asking
		// for the public's stories (#YourTaxis from a taxi association:
		// "share your story with #YourTaxis"), asks for stories about the
		// brand whatever its words.
		trade := !named && campaign && p.asksStories(pass.Doc, inv) && p.namesTrade(h.Text, b)
		named = named || trade
		machine := (named || campaign) && inv.machine()
		if !named && !campaign || tr.Invite == "" && !engaged && !machine {
			continue
		}
		if !haveStanding {
			if standing, err = p.brands.Standing(pass, hours(24*p.opts.TroubleDays)); err != nil {
				return err
			}
			haveStanding = true
		}
		s := standing
		// An invitation read in a further language is graded by the
		// brand's standing alone: "mein … Moment" from a brand nobody is
		// angry at is advice.
		open := named && (slices.Contains(openInvites, tr.Invite) || tr.Prompt || trade)
		i := invitation{open: open, machine: machine, charged: w.said.charged,
			record: w.said.record, topic: w.said.topic, contest: w.said.contest, adopt: w.said.adopt}
		if named && tr.Invite != "" && len(inv.trouble) > 0 {
			i.trouble = inv.trouble[0]
		}
		if named && tr.Invite != "" && !s.InTrouble() {
			if a, shared, ok := grievance(); ok {
				i.grievance, i.evidence = grievanceNote(a, shared), []checker.Evidence{checker.NewsEvidence(a)}
			}
		}
		f := hijackFinding("#"+h.Text, b, s, i)
		if !named && !machine && tr.Invite == "" && f.Severity == checker.SeverityLow {
			continue // a generic tag the post merely uses (#SummerVibes), from a brand with a quiet record
		}
		pass.ReportSpan(h.Span, f)
		reported = true
	}
	if reported {
		return nil
	}
	if len(unnamed) > 0 {
		// A call for questions under a tag without the brand's name, from
		// the brand's account while it is in negative news (#AskZuck, a
		// boss's name; #マックに質問, a nickname): the critics' questions
		// come under it all the same.
		if !haveStanding {
			if standing, err = p.brands.Standing(pass, hours(24*p.opts.TroubleDays)); err != nil {
				return err
			}
		}
		if standing.InTrouble() {
			st := standing.Recent[0]
			for _, h := range unnamed {
				pass.ReportSpan(h.Span, checker.Finding{Severity: checker.SeverityHigh,
					Message: fmt.Sprintf("#%s calls for questions from %s's account while the brand is in negative news (%s: %q); the critics' questions will come under it, name or no name.",
						h.Text, b.Name, strings.Join(st.Classes, ", "), st.Article.Title),
					Evidence:   standing.Evidence(true, 3),
					Suggestion: "Do not launch a call for questions while the brand is in the news for this; wait until it has passed."})
			}
			return nil
		}
	}
	if reported, err := p.cheerContested(pass, inv); err != nil || reported {
		return err
	}
	return p.reportWords(pass, b, inv, w)
}

// storyWords are the words of a request that ask for the public's own
// account of the brand, not their pictures ("share your story").
var storyWords = []string{"story", "stories", "memories", "memory", "experience", "experiences"}

// asksStories reports whether the post asks the public for their stories
// or experiences (a request of data/invitations.yaml holding a story word).
func (p *pack) asksStories(d *text.Doc, inv *invitationRead) bool {
	for _, sp := range inv.requests {
		for _, w := range strings.Fields(words(d.Slice(sp))) {
			if slices.Contains(storyWords, w) {
				return true
			}
		}
	}
	return false
}

// namesTrade reports whether a word of the tag's likeliest reading is a
// word of the brand's name of four letters or more, or its plural
// ("taxis" of Victorian Taxi Association): the brand's trade, which the
// brand reader does not count as its name because it is a common word.
func (p *pack) namesTrade(body string, b *checker.Brand) bool {
	rs := p.seg.Readings(body, 1)
	if len(rs) == 0 {
		return false
	}
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		for _, nw := range strings.Fields(words(n)) {
			if len([]rune(nw)) < 4 {
				continue
			}
			for _, w := range rs[0].Words {
				if w == nw || stem(w) == nw || w == nw+"s" {
					return true
				}
			}
		}
	}
	return false
}

// postGrievance is grievance for the post, looked up once however many
// of the brand's tags ask for it (a tag repeated through a 64 KB post).
func (p *pack) postGrievance(pass *checker.Pass, b *checker.Brand) func() (checker.Article, []string, bool) {
	var (
		done, ok bool
		a        checker.Article
		shared   []string
	)
	return func() (checker.Article, []string, bool) {
		if !done {
			a, shared, ok = p.grievance(pass, b)
			done = true
		}
		return a, shared, ok
	}
}

// wordsRead is what the post invites beyond the brand's own tags: in its
// words, or in a tag named for nobody (#TalkAboutImmigration,
// #NameOurNewBear).
type wordsRead struct {
	said                   invitation
	chargedTag, contestTag *text.Entity
}

// readWords reads the post's words and unnamed tags for a charged
// conversation (with the brand's record on its topic), a vote, a sentence
// to finish.
func (p *pack) readWords(pass *checker.Pass, b *checker.Brand, inv *invitationRead) (wordsRead, error) {
	w := wordsRead{said: p.textInvitation(b, inv)}
	var topic, family string
	w.chargedTag, topic, family = p.chargedTag(pass, b, inv)
	w.contestTag = p.contestTag(pass)
	w.said.charged = w.said.charged || w.chargedTag != nil
	w.said.contest = w.said.contest || w.contestTag != nil
	if !w.said.charged {
		return w, nil
	}
	if w.said.topic = topic; len(inv.topics) > 0 {
		w.said.topic = strings.Join(slices.DeleteFunc(strings.Fields(inv.topics[0]), func(w string) bool {
			return slices.Contains(topicJoiners, w)
		}), " ")
	}
	s, err := p.brands.Standing(pass, hours(24*p.opts.TroubleDays))
	if err != nil {
		return w, err
	}
	fams := inv.families
	if w.chargedTag != nil {
		fams = append(slices.Clip(fams), family)
	}
	w.said.record = p.invitations.topicRecord(b, s, fams)
	return w, nil
}

// reportWords reports, when no tag was, the strongest invitation of the
// post's words: a charged conversation, a campaign that publishes what
// is sent, a vote, a sentence to finish (only from a brand with
// criticism in the news), an open question.
func (p *pack) reportWords(pass *checker.Pass, b *checker.Brand, inv *invitationRead, w wordsRead) error {
	var at text.Span
	tag := false
	ask := invitation{question: true}
	switch {
	case w.chargedTag != nil:
		at, tag, ask.charged, ask.record, ask.topic = w.chargedTag.Span, true, true, w.said.record, w.said.topic
	case w.said.charged:
		at, ask.charged, ask.record, ask.topic = inv.charged[0], true, w.said.record, w.said.topic
	case inv.machine():
		at, ask.machine = inv.requests[0], true
	case len(inv.contests) > 0:
		at, ask.contest, ask.adopt = inv.contests[0], true, w.said.adopt
	case w.contestTag != nil:
		at, tag, ask.contest, ask.adopt = w.contestTag.Span, true, true, w.said.adopt
	case w.said.blank:
		at, ask.blank = inv.blanks[0], true
	case len(inv.questions) > 0:
		at, ask.harmful = inv.questions[0], p.invitations.institution(b)
	case len(inv.qas) > 0:
		at, ask.qa = inv.qas[0], true
		if len(inv.trouble) > 0 {
			ask.trouble = inv.trouble[0]
		}
	default:
		return nil
	}
	s, err := p.brands.Standing(pass, hours(24*p.opts.TroubleDays))
	if err != nil {
		return err
	}
	if ask.qa && !s.InTrouble() {
		if a, shared, ok := p.grievance(pass, b); ok {
			ask.grievance, ask.evidence = grievanceNote(a, shared), []checker.Evidence{checker.NewsEvidence(a)}
		}
	}
	if (ask.blank || ask.qa) && !s.Chronic(1) && ask.grievance == "" && ask.trouble == "" {
		return nil // a sentence to finish or a Q&A from a brand nobody is criticising
	}
	what := fmt.Sprintf("%q", pass.Doc.Slice(at))
	if tag {
		what = pass.Doc.Slice(at)
	}
	f := hijackFinding(what, b, s, ask)
	if ask.qa {
		// Without a tag the questions come as replies, not as a stream
		// anyone can follow: a step below an Ask tag.
		f.Severity = max(f.Severity-1, checker.SeverityLow)
	}
	pass.ReportSpan(at, f)
	return nil
}

// contestTag returns the first tag that is itself a vote or a naming
// contest (#NameOurNewBear, #VoteForTheFlavour), or nil.
func (p *pack) contestTag(pass *checker.Pass) *text.Entity {
	for i, h := range tags(pass) {
		if rs := p.seg.Readings(h.Text, 1); len(rs) > 0 && p.invitations.contestTag(rs[0].Words) {
			return &tags(pass)[i]
		}
	}
	return nil
}

// chargedTag returns the first tag (with its topic and the topic's family) whose words carry a charged social
// topic (#TransRightsMatter, #MyImmigrationStory) and make a conversation
// of it: the tag invites the public (an invitation word, a conversation
// word) or the post calls the public into a conversation. A topic that is
// the brand's own cause is no such tag.
func (p *pack) chargedTag(pass *checker.Pass, b *checker.Brand, inv *invitationRead) (tag *text.Entity, topic, family string) {
	for i, h := range tags(pass) {
		rs := p.seg.Readings(h.Text, 1)
		if len(rs) == 0 {
			continue
		}
		ws := rs[0].Words
		topic, family := p.invitations.tagTopic(ws)
		if topic == "" {
			continue
		}
		if len(inv.calls) == 0 && !p.invitations.talks(ws) && p.brands.ReadTag(h.Text, nil).Invite == "" {
			continue
		}
		if p.invitations.advocate(b, []string{topic}) {
			continue
		}
		return &tags(pass)[i], topic, family
	}
	return nil, "", ""
}

// cheerContested reports the first event a cheerful post names (a
// sponsor's or a fan's cheer, a promotion, a joke, a call to join in), in
// a tag or in its words, that the news of the past quarter says is
// contested: a boycott, its host's rights record, workers' deaths. Each
// distinct event is looked up once, and only in a cheerful post.
func (p *pack) cheerContested(pass *checker.Pass, inv *invitationRead) (bool, error) {
	if len(inv.cheers) == 0 && !cue(pass, text.SignalPromotional) && !cue(pass, text.SignalLightHearted) &&
		!cue(pass, text.SignalEngagement) {
		return false, nil
	}
	seen := map[string]bool{}
	for _, ev := range p.events(pass) {
		if seen[fold(ev.body)] {
			continue
		}
		if len(seen) == maxEventLookups {
			break // a post names a few events; a list of hundreds is not a cheer
		}
		seen[fold(ev.body)] = true
		arts, err := p.tagSearch(pass, ev.body, ev.best, checker.NewsQuery{Window: brand.Quarter, AnyClass: true})
		if err != nil {
			return false, err
		}
		var contested []checker.Article
		for _, a := range arts {
			if p.invitations.contested.Contains(text.Analyse(a.Title+". "+a.Summary, a.Language)) {
				contested = append(contested, a)
			}
		}
		if len(contested) == 0 {
			continue
		}
		what := pass.Doc.Slice(ev.span)
		pass.ReportSpan(ev.span, checker.Finding{Severity: checker.SeverityMedium, Evidence: newsEvidence(contested, 3),
			Message: fmt.Sprintf("%s names an event the news says is contested (%q); cheering it invites the criticism "+
				"under %s's name.", what, contested[0].Title, pass.Brand().Name),
			Suggestion: "Read what is being said about the event before cheering it; say what the brand does about " +
				"the criticism, or keep the sponsorship out of the campaign."})
		return true, nil
	}
	return false, nil
}

// maxEventLookups caps the news lookups one post's named events cost.
const maxEventLookups = 4

// namedEvent is an event a post names: in a tag (#Varnia2030) or in its
// words as a capitalised name ("the Ostrel Cup"), with the body to look up
// as a tag and its reading.
type namedEvent struct {
	span text.Span
	body string
	best segment.Reading
}

// events returns the events the post names, its tags first: tags read as
// events, and names outside tags holding an event word or a year.
func (p *pack) events(pass *checker.Pass) []namedEvent {
	var out []namedEvent
	for _, h := range tags(pass) {
		if best, ok := p.eventTag(h.Text); ok {
			out = append(out, namedEvent{h.Span, h.Text, best})
		}
	}
	ts := tags(pass)
	k := 0 // names and tags are in text order: walk both once
	for _, sp := range pass.Doc.Names() {
		for k < len(ts) && ts[k].Span.End+1 < sp.End {
			k++
		}
		if k < len(ts) && ts[k].Span.Start <= sp.Start && sp.End <= ts[k].Span.End+1 {
			continue // a hashtag's body, read above
		}
		ws := strings.Fields(words(pass.Doc.Slice(sp)))
		if len(ws) < 2 || !slices.ContainsFunc(ws, func(w string) bool { return p.invitations.events[w] }) {
			continue // one word ("Games") names no particular event
		}
		var body strings.Builder
		for _, w := range strings.Fields(pass.Doc.Slice(sp)) {
			body.WriteString(strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return r
				}
				return -1
			}, w))
		}
		out = append(out, namedEvent{sp, body.String(), segment.Reading{Words: ws}})
	}
	return out
}

// eventTag reads a tag as an event: a word of its likeliest reading is an
// event word (games, cup, festival) or the tag holds a year (#Somewhere2030).
func (p *pack) eventTag(body string) (segment.Reading, bool) {
	rs := p.seg.Readings(body, 1)
	if len(rs) == 0 {
		return segment.Reading{}, false
	}
	for _, w := range rs[0].Words {
		if p.invitations.events[w] {
			return rs[0], true
		}
	}
	return rs[0], hasYear(body)
}

// hasYear reports whether s holds a year of this century or the last as a
// run of exactly four digits.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if i > 0 && isDigit(s[i-1]) || i+4 < len(s) && isDigit(s[i+4]) {
			continue
		}
		if q := s[i : i+4]; isDigit(q[0]) && isDigit(q[1]) && isDigit(q[2]) && isDigit(q[3]) &&
			(q[:2] == "19" || q[:2] == "20") {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// hijackFinding grades an invitation (a tag, or a question quoted) by the
// brand's standing: critical in negative news now, medium or high with a
// record of it, medium for a tag asking for the public's own words about
// the brand, for a campaign that publishes what the public sends, or for
// an institution's question about experiences that hurt; else advice.
func hijackFinding(what string, b *checker.Brand, s *brand.Standing, inv invitation) checker.Finding {
	under, it, call := fmt.Sprintf("under %s's tag", b.Name), "the tag", "a call-for-replies tag"
	if inv.question {
		under, it, call = "to "+b.Name, "it", "a call for replies"
	}
	f := checker.Finding{Severity: checker.SeverityLow,
		Message: fmt.Sprintf("%s invites the public to speak %s; critics can use it too.", what, under),
		Suggestion: "Think how critics would use " + what + " (complaints, scandals, jokes) before posting; " +
			"have moderation ready or choose a tag that does not invite replies."}
	switch {
	case inv.charged:
		f.Message = fmt.Sprintf("%s invites the public into a conversation on a charged social topic (%s) with %s, which has no standing on it; the people who feel most strongly will take the conversation over.", what, inv.topic, b.Name)
		f.Suggestion = "Leave the conversation to those whose cause it is, or say what " + b.Name + " itself does about the topic without asking the public to speak."
	case inv.contest:
		f.Message = fmt.Sprintf("%s lets the public choose what %s will publish or make; pranksters vote too.", what, b.Name)
		f.Suggestion = "Offer a shortlist the brand has approved, and keep the right to refuse any entry."
	case inv.blank:
		f.Message = fmt.Sprintf("%s asks the public to finish a sentence about %s; critics will finish it too.", what, b.Name)
		f.Suggestion = "Ask something that does not invite a verdict on " + b.Name + ", or wait until the criticism has passed."
	case inv.qa:
		f.Message = fmt.Sprintf("%s invites the public to put their questions to %s; critics will ask theirs.", what, b.Name)
	case inv.question:
		f.Message = fmt.Sprintf("%s asks the public for their own experiences in reply to %s; everyone with a grievance can answer.", what, b.Name)
		f.Suggestion = "Expect painful answers in public; have people ready to respond with care, or ask a narrower question."
	}
	switch {
	case s.InTrouble() && inv.contest && !inv.adopt && inv.question: // a vote read in the words, not an Ask tag
		st := s.Recent[0]
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("%s lets the public choose what %s will publish or make while the brand is in negative news (%s: %q); expect the vote to be about it.",
			what, b.Name, strings.Join(st.Classes, ", "), st.Article.Title)
		f.Evidence = s.Evidence(true, 3)
		f.Suggestion = "Do not run a public vote while the brand is in the news for this; wait until it has passed."
	case s.InTrouble():
		st := s.Recent[0]
		f.Severity = checker.SeverityCritical
		f.Message = fmt.Sprintf("%s invites the public to speak %s while the brand is in negative news (%s: %q); expect %s to be taken over.",
			what, under, strings.Join(st.Classes, ", "), st.Article.Title, it)
		f.Evidence = s.Evidence(true, 3)
		f.Suggestion = "Do not launch " + call + " while the brand is in the news for this; wait until it has passed."
	case inv.trouble != "":
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("%s invites the public to put their questions %s about the brand's own %s; the replies will be the complaints, in public, where everyone can join in.",
			what, under, inv.trouble)
		f.Suggestion = "Publish what customers need to know about the " + inv.trouble + " (what to do, refunds, contacts) and answer people one by one in care channels, without a public Q&A."
	case inv.grievance != "":
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("%s invites the public to speak %s, and %s; expect %s to fill with anger about it.",
			what, under, inv.grievance, it)
		f.Evidence = inv.evidence
		f.Suggestion = "Do not open questions on a topic people are angry about this week; publish the answers you can give " +
			"(help with bills, what changes and when) without inviting replies, or wait until it has passed."
	case inv.charged && inv.record != "":
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("%s invites the public into a conversation on a charged social topic (%s), and %s's own record is on it: %s; the answers will be about the brand.",
			what, inv.topic, b.Name, inv.record)
		f.Evidence = s.Evidence(false, 3)
	case s.Chronic(1):
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("%s invites the public to speak %s, and critics have material: %s.",
			what, under, s.Memory())
		if s.Chronic(chronicStories) {
			f.Severity = checker.SeverityHigh
			f.Message = fmt.Sprintf("%s invites the public to speak %s, and the brand is often criticised: %s.",
				what, under, s.Memory())
		}
		f.Evidence = s.Evidence(false, 3)
	case inv.machine:
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("%s asks the public for their own pictures or words and says %s will publish or transform them; pranksters will send what the brand must not post.", what, b.Name)
		f.Suggestion = "Publish nothing the public sends without a person reviewing it first, or drop the promise to post it."
	case inv.open:
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("%s asks the public for their own words about %s; critics will answer too.", what, b.Name)
	case inv.harmful:
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("%s asks the public about their experiences of %s, whose service hurts some of the people it asks; expect answers about trauma, abuse and loss.", what, b.Name)
	case inv.charged:
		f.Severity = checker.SeverityMedium
	case inv.contest && inv.adopt:
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("%s lets the public choose what %s will publish or make, and promises to use what wins; pranksters will vote for what the brand must not say.", what, b.Name)
	}
	return f
}

// mayAbbreviate is abbreviates' cheap first step: whether the tag starts
// with the first three letters of one of the brand's names.
func mayAbbreviate(tag string, b *checker.Brand) bool {
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		if k := strings.ReplaceAll(words(n), " ", ""); len(k) >= 3 && strings.HasPrefix(tag, k[:3]) {
			return true
		}
	}
	return false
}
