import vue from '@vitejs/plugin-vue';

export default {
  // The vc-* tags are custom elements, not Vue components: tell Vue's template compiler.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('vc-') } } })],
};
