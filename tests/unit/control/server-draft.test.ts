import { nextTick, ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { useServerDraft } from '../../../control/lib/useServerDraft.js';

describe('useServerDraft (the held-words field)', () => {
  it('follows the server while the moderator has not typed', async () => {
    const words = ref<string[]>([]);
    const draft = useServerDraft(() => words.value.join(', '));
    expect(draft.text.value).toBe('');
    words.value = ['spam'];
    await nextTick();
    expect(draft.text.value).toBe('spam');
  });

  it('keeps what the moderator is typing when another setting brings a new snapshot of the same words', async () => {
    const settings = ref({ autoApprove: false, heldWords: [] as string[] });
    const draft = useServerDraft(() => settings.value.heldWords.join(', '));
    draft.text.value = 'advert, 宣伝';
    settings.value = { autoApprove: true, heldWords: [] };
    await nextTick();
    expect(draft.text.value).toBe('advert, 宣伝');
  });

  it('keeps an unsaved edit when another moderator changes the words; shows the saved words once adopted', async () => {
    const words = ref(['spam']);
    const draft = useServerDraft(() => words.value.join(', '));
    draft.text.value = 'spam,advert';
    words.value = ['spam', 'scam'];
    await nextTick();
    expect(draft.text.value).toBe('spam,advert');
    words.value = ['spam', 'advert'];
    draft.saved('spam,advert');
    expect(draft.text.value).toBe('spam, advert');
    words.value = ['advert'];
    await nextTick();
    expect(draft.text.value).toBe('advert');
  });

  it('says when the words changed under an unsaved edit, and to what, until it is saved or dropped', async () => {
    const settings = ref({ autoApprove: false, heldWords: ['spam'] });
    const draft = useServerDraft(() => settings.value.heldWords.join(', '));
    draft.text.value = 'spam, advert';
    settings.value = { autoApprove: true, heldWords: ['spam'] };
    await nextTick();
    expect(draft.changedElsewhere.value).toBeNull();
    settings.value = { autoApprove: true, heldWords: ['spam', 'scam'] };
    await nextTick();
    expect(draft.changedElsewhere.value).toBe('spam, scam');
    draft.adopt();
    expect(draft.text.value).toBe('spam, scam');
    expect(draft.changedElsewhere.value).toBeNull();
  });

  it("forgets the warning once the edit is typed back to the server's words", async () => {
    const words = ref(['spam']);
    const draft = useServerDraft(() => words.value.join(', '));
    draft.text.value = 'spam, adv';
    words.value = ['spam', 'advert'];
    await nextTick();
    expect(draft.changedElsewhere.value).toBe('spam, advert');
    draft.text.value = 'spam, advert';
    await nextTick();
    expect(draft.changedElsewhere.value).toBeNull();
  });

  it('keeps what the moderator typed on while a save was on its way, with no warning about their own save', async () => {
    const words = ref<string[]>([]);
    const draft = useServerDraft(() => words.value.join(', '));
    draft.text.value = 'advert, 宣伝';
    // The broadcast of the save can come before its acknowledgement; both find a newer edit in the field.
    draft.text.value = 'advert, 宣伝, scam';
    words.value = ['advert', '宣伝'];
    await nextTick();
    draft.saved('advert, 宣伝');
    await nextTick();
    expect(draft.text.value).toBe('advert, 宣伝, scam');
    expect(draft.changedElsewhere.value).toBeNull();
    // Acknowledged first, broadcast after: the same.
    draft.text.value = 'advert, 宣伝, scam, spam';
    words.value = ['advert', '宣伝', 'scam'];
    draft.saved('advert, 宣伝, scam');
    await nextTick();
    expect(draft.text.value).toBe('advert, 宣伝, scam, spam');
    expect(draft.changedElsewhere.value).toBeNull();
    // Another moderator's change after that is still news.
    words.value = ['advert'];
    await nextTick();
    expect(draft.changedElsewhere.value).toBe('advert');
  });
});
