package reply
import ("testing";"strings")
func TestSmoke(t *testing.T) {
	for _, s := range strings.Split(`If you don't take that post down we will sue you for libel.
Thanks Dana, your card ending 4242 was refunded and we texted (415) 555-0199.
Sorry about that, Alex! Please send us a DM with your order number and we'll fix it today.
Email dana.smith@gmail.com or support@northway.com, card 4242 4242 4242 4242, 221B Baker Street, order #123456, account 12345678, Storgata 5
@115712 Please call our Web Technical Support folks at 800-222-2377 or 0344 556 5650.
If you had read the manual you'd know. Calm down, idiot.
Actually, you are wrong, that never happened. It's user error, you should have checked.
Unlike Southgate we actually answer lol. Unlike Verizon, we care.
Det stemmer ikke. Advokaten vår tar kontakt. Ring oss på 22 33 44 55, ditt nummer 412 34 567.`, "\n") {
		rep := check(t, s)
		t.Logf("%s\n  %s %v", s, rep.Verdict, strings.Join(summary(rep.Findings), "\n  "))
	}
}
